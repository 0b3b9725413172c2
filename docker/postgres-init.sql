-- Each event-sourced service owns its database.
CREATE DATABASE mayfly_issuer;
CREATE DATABASE mayfly_revocation;
