-- Designations of the FCDO UK Sanctions List, one entity per UniqueID (a
-- target under two regimes has two designations; their shared OFSIGroupID
-- identifier lets resolution merge them). IndividualEntityShip says
-- Individual (person), Entity (an organisation of unstated legal form) or Ship
-- (vessel); category keeps it as published. The name is the first "Primary
-- Name". The list states no country of incorporation (TypeOfEntity mixes legal
-- forms and sectors): jurisdiction and hq_country stay null.
-- (A delisted entry's entity row comes from canonical.entities, for every list.)
with designations as (
    select * from staging.stg_gb_uk_sanctions_list__designations
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

final as (
    select * from listed
)

select * from final
