/** Connections to addresses a tenant chose: which of them a service may reach ({@link dev.mayfly.runtime.net.AddressPolicy}). */
package dev.mayfly.runtime.net;
