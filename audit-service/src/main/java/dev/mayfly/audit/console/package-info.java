/**
 * The web console: static pages that show a tenant's events as a filterable timeline, each record's JSON and the
 * saved security queries. Owns nothing but its files; everything it shows comes through the JSON API, signed with the
 * user's key in the browser.
 */
package dev.mayfly.audit.console;
