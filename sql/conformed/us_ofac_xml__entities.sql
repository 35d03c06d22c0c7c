-- OFAC Enhanced XML entities of both sources (SDN_ENHANCED, CONS_ENHANCED share
-- one schema, so one mapping; us_ofac_sdn_xml__entities and
-- us_ofac_cons_xml__entities select their rows). Id 'ofac-' || OFAC's entity
-- id (the legacy ent_num). kind: Individual -> person, Vessel, Aircraft; an
-- Entity is a company when its Target Type feature says Public / Private
-- Company, State-Owned Enterprise or Financial Institution, a state_body for
-- Government Entity, else an organization. jurisdiction: the one country of
-- registration the features state (Nationality of Registration, Vessel Flag),
-- null when none or several; OFAC states no headquarters.
-- Related entities of relationships that the file does not describe (usually
-- SDN entities in CONS_ENHANCED) get a row (status referenced_only), so every
-- relationship has its entity.
-- (A delisted entry's entity row comes from canonical.entities, for every list.)
with entities as (
    select 'us_ofac_sdn_xml' as source, * from staging.stg_us_ofac_sdn_xml__entities
    union all by name
    select 'us_ofac_cons_xml' as source, * from staging.stg_us_ofac_cons_xml__entities
),

names as (
    select 'us_ofac_sdn_xml' as source, * from staging.stg_us_ofac_sdn_xml__names
    union all by name
    select 'us_ofac_cons_xml' as source, * from staging.stg_us_ofac_cons_xml__names
),

relationships as (
    select 'us_ofac_sdn_xml' as source, * from staging.stg_us_ofac_sdn_xml__relationships
    union all by name
    select 'us_ofac_cons_xml' as source, * from staging.stg_us_ofac_cons_xml__relationships
),

features as (
    select * from conformed.us_ofac_xml__features
),

primary_names as (
    select source, entity_id, arg_min(formatted_full_name, record_line) as name
    from names
    where is_primary and coalesce(translation_is_primary, true)
    group by source, entity_id
),

target_types as (
    select source, entity_id, min(value) as target_type
    from features
    where role = 'target_type'
    group by source, entity_id
),

registrations as (
    select source, entity_id, min(value_country_code) as country
    from features
    where country_role = 'registration' and value_country_code is not null
    group by source, entity_id
    having count(distinct value_country_code) = 1
),

described as (
    select
        'ofac-' || e.entity_id as entity_id,
        case
            when e.entity_type = 'Individual' then 'person'
            when e.entity_type = 'Vessel' then 'vessel'
            when e.entity_type = 'Aircraft' then 'aircraft'
            when t.target_type in (
                'Public Company', 'Private Company', 'State-Owned Enterprise',
                'Financial Institution'
            ) then 'company'
            when t.target_type = 'Government Entity' then 'state_body'
            else 'organization'
        end as kind,
        n.name,
        r.country as jurisdiction,
        null as hq_country,
        'listed' as status,
        e.entity_type as category,
        e.source,
        cast(e.entity_id as varchar) as source_record,
        e.snapshot_id
    from entities as e
    left join primary_names as n on n.source = e.source and n.entity_id = e.entity_id
    left join target_types as t on t.source = e.source and t.entity_id = e.entity_id
    left join registrations as r on r.source = e.source and r.entity_id = e.entity_id
),

referenced_only as (
    select
        'ofac-' || r.related_entity_id as entity_id,
        'unknown' as kind,
        any_value(r.related_entity_name) as name,
        null as jurisdiction,
        null as hq_country,
        'referenced_only' as status,
        null as category,
        r.source,
        cast(r.related_entity_id as varchar) as source_record,
        any_value(r.snapshot_id) as snapshot_id
    from relationships as r
    anti join entities as e on e.source = r.source and e.entity_id = r.related_entity_id
    group by r.source, r.related_entity_id
),

final as (
    select * from described
    union all
    select * from referenced_only
)

select * from final
