-- Names of the CSL entries: the primary name (without the State Department's
-- "; and any successor, sub-unit, or subsidiary thereof", which is the
-- listing's scope, not a name) and every alt_name as an a.k.a. The CSL does
-- not grade aliases (OFAC's weak a.k.a.s are not in it): all are strong.
with entries as (
    select * from staging.stg_us_trade_csl__entries
),

aliases as (
    select * from staging.stg_us_trade_csl__aliases
),

primary_names as (
    select
        'csl-' || lower(id) as entity_id,
        name,
        'primary' as name_type,
        null::varchar as lang,
        'strong' as strength,
        'us_trade_csl' as source,
        id as source_record,
        snapshot_id
    from entries
),

aka_names as (
    select
        'csl-' || lower(id) as entity_id,
        alt_name as name,
        'aka' as name_type,
        null::varchar as lang,
        'strong' as strength,
        'us_trade_csl' as source,
        id as source_record,
        snapshot_id
    from aliases
    where alt_name is not null
),

final as (
    select * from primary_names
    union all
    select * from aka_names
)

select * from final
