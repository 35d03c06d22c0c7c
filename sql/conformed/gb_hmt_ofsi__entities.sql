-- Targets of the OFSI consolidated list (ConList.csv), one per Group ID, the
-- rows of every name variant, birth date and regime gathered. Group Type says
-- Individual (person), Entity (an organisation of unstated legal form) or, in
-- the 2022 layout, Ship; category keeps it as published. The name is the
-- target's first primary name (Prime Alias / Primary name). The list states no
-- country of incorporation: jurisdiction and hq_country stay null (address
-- countries go to addresses).
-- (A delisted entry's entity row comes from canonical.entities, for every list.)
with entries as (
    select * from staging.stg_gb_hmt_ofsi__entries
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

final as (
    select * from listed
)

select * from final
