-- The events that change state, in store order, without the API-call records that are most of the store: a restart
-- rebuilds its read model from these alone (StateEventReplay), so it reads an index of the events it applies rather
-- than every call ever recorded. The type is spelled as StateEventReplay's query spells it, so that the planner can
-- use this partial index for it; its test checks that it does.
CREATE INDEX domain_event_entry_state_events ON domain_event_entry (global_index)
    WHERE payload_type <> 'dev.mayfly.contract.ApiCallRecorded';
