-- Output tables of the determination engine (pipelines/lib/policy.py).
create or replace table policy.determinations (
    policy varchar not null,
    entity_id varchar not null,
    -- definite: met on lower bounds and known control; possible: only on
    -- upper bounds or on control the policy counts as a caution.
    status varchar not null,
    -- listed | headquarters (roots); ownership | control (derived).
    basis varchar not null,
    depth integer not null,
    -- Aggregate stake of caught owners, as an interval (ownership basis only).
    stake_lo double,
    stake_hi double,
    risk_sources varchar[] not null,
    via_owner varchar,
    via_relationship varchar,
    detail varchar,
    as_of date not null,
    primary key (policy, entity_id)
);

create or replace table policy.paths (
    policy varchar not null,
    entity_id varchar not null,
    step integer not null,
    node_id varchar not null,
    -- The relationship from node_id up to the next node (null at the root).
    relationship_id varchar,
    primary key (policy, entity_id, step)
);
