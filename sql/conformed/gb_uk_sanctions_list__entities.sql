-- Designations of the FCDO UK Sanctions List, one entity per UniqueID (a
-- target under two regimes has two designations; their shared OFSIGroupID
-- identifier lets resolution merge them). IndividualEntityShip says
-- Individual (person), Entity (an organisation of unstated legal form) or Ship
-- (vessel); category keeps it as published. The name is the first "Primary
-- Name". The list states no country of incorporation (TypeOfEntity mixes legal
-- forms and sectors): jurisdiction and hq_country stay null.
-- A target the newest snapshot no longer lists (a delisting) is kept as an
-- entity of unknown kind named by its key (status 'delisted'), so its delisting
-- membership names an existing entity.
with designations as (
    select * from staging.stg_gb_uk_sanctions_list__designations
),

delistings as (
    select * from staging.stg_gb_uk_sanctions_list__delistings
),

listed as (
    select
        'gb-uksl-' || lower(unique_id) as entity_id,
        case individual_entity_ship
            when 'Individual' then 'person'
            when 'Entity' then 'organization'
            when 'Ship' then 'vessel'
            else 'unknown'
        end as kind,
        name,
        null::varchar as jurisdiction,
        null::varchar as hq_country,
        'listed' as status,
        individual_entity_ship as category,
        'gb_uk_sanctions_list' as source,
        unique_id as source_record,
        snapshot_id
    from designations
),

delisted as (
    select
        'gb-uksl-' || lower(d.key) as entity_id,
        'unknown' as kind,
        d.key as name,  -- its last name is in earlier snapshots only
        null::varchar as jurisdiction,
        null::varchar as hq_country,
        'delisted' as status,
        null::varchar as category,
        'gb_uk_sanctions_list' as source,
        d.key as source_record,
        any_value(d.snapshot_id) as snapshot_id
    from delistings as d
    anti join designations as e on e.unique_id = d.key
    group by d.key
),

final as (
    select * from listed
    union all
    select * from delisted
)

select * from final
