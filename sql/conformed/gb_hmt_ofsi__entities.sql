-- Targets of the OFSI consolidated list (ConList.csv), one per Group ID, the
-- rows of every name variant, birth date and regime gathered. Group Type says
-- Individual (person), Entity (an organisation of unstated legal form) or, in
-- the 2022 layout, Ship; category keeps it as published. The name is the
-- target's first primary name (Prime Alias / Primary name). The list states no
-- country of incorporation: jurisdiction and hq_country stay null (address
-- countries go to addresses).
-- A target the newest snapshot no longer lists (a delisting) is kept as an
-- entity of unknown kind named by its key (status 'delisted'), so its delisting
-- membership names an existing entity.
with entries as (
    select * from staging.stg_gb_hmt_ofsi__entries
),

delistings as (
    select * from staging.stg_gb_hmt_ofsi__delistings
),

listed as (
    select
        'gb-ofsi-' || lower(group_id) as entity_id,
        case group_type
            when 'Individual' then 'person'
            when 'Entity' then 'organization'
            when 'Ship' then 'vessel'
            else 'unknown'
        end as kind,
        name,
        null::varchar as jurisdiction,
        null::varchar as hq_country,
        'listed' as status,
        group_type as category,
        'gb_hmt_ofsi' as source,
        group_id as source_record,
        snapshot_id
    from entries
),

delisted as (
    select
        'gb-ofsi-' || lower(d.key) as entity_id,
        'unknown' as kind,
        d.key as name,  -- its last name is in earlier snapshots only
        null::varchar as jurisdiction,
        null::varchar as hq_country,
        'delisted' as status,
        null::varchar as category,
        'gb_hmt_ofsi' as source,
        d.key as source_record,
        any_value(d.snapshot_id) as snapshot_id
    from delistings as d
    anti join entries as e on e.group_id = d.key
    group by d.key
),

final as (
    select * from listed
    union all
    select * from delisted
)

select * from final
