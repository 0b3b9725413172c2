package dev.mayfly.contract;

/** An event that belongs to one account: its Kafka key, so that each account's events stay in order. */
public interface AccountScoped {
    String accountId();
}
