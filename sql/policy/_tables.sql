-- Output tables of the determination engine (pipelines/lib/policy.py).
create or replace table policy.determinations (
    policy varchar not null,
    entity_id varchar not null,
    -- definite: met on lower bounds and known control; possible: only on
    -- upper bounds, on control the policy counts as possible, or through a
    -- possible resolution match.
    status varchar not null,
    -- listed | headquarters (roots); ownership | control | possible_match (derived).
    basis varchar not null,
    depth integer not null,
    -- Aggregate stake of caught owners, as an interval (ownership basis only).
    stake_lo double,
    stake_hi double,
    -- Every root whose stakes or control were needed.
    risk_sources varchar[] not null,
    via_owner varchar,
    via_relationship varchar,
    detail varchar,
    -- Multiplicative look-through ownership by roots (lower and upper bounds):
    -- shown to analysts, never used to clear an entity.
    look_through_lo double,
    look_through_hi double,
    as_of date not null,
    primary key (policy, entity_id)
);

-- One witness path per determination, from the entity (step 0) up to a root.
-- Each step carries the relationship from node_id up to the next node (null
-- at the root) with its basis, interval, dates and source record.
create or replace table policy.paths (
    policy varchar not null,
    entity_id varchar not null,
    step integer not null,
    node_id varchar not null,
    relationship_id varchar,
    basis varchar,
    stake_lo double,
    stake_hi double,
    lo_inclusive boolean,
    hi_inclusive boolean,
    start_date date,
    end_date date,
    source varchar,
    source_record varchar,
    primary key (policy, entity_id, step)
);

-- Evidence short of a determination (OFAC FAQ 398 cautions, BIS red flags).
create or replace table policy.cautions (
    policy varchar not null,
    entity_id varchar not null,
    caution varchar not null,
    owner_id varchar not null,
    relationship_id varchar,
    basis varchar,
    stake_lo double,
    stake_hi double,
    detail varchar
);

-- Per-company data-quality flags (sql/policy/data_quality.sql), as of the run.
create or replace table policy.data_quality (
    entity_id varchar not null,
    flag varchar not null,
    basis varchar,
    stake_lo_total double,
    relationship_ids varchar[],
    detail varchar
);

-- One row per policy run: how it went and whether derivations were in force.
create or replace table policy.runs (
    policy varchar primary key,
    as_of date not null,
    derivations_in_force boolean not null,
    -- The ownership test the policy applied (null: no ownership propagation).
    threshold double,
    comparison varchar,
    aggregate boolean,
    ownership_bases varchar[],
    iterations integer not null,
    determinations integer not null,
    definite integer not null,
    possible integer not null,
    cautions integer not null,
    seconds double not null
);
