-- Every legal or natural person, vessel or aircraft a source record describes:
-- one row per source record, before entity resolution.
with gleif as (
    select * from staging.stg_global_gleif_lei__entities
),

gleif_hq as (
    select lei, any_value(country) as country
    from staging.stg_global_gleif_lei__addresses
    where address_type = 'HEADQUARTERS'
    group by lei
),

rr as (
    select * from staging.stg_global_gleif_rr__relationships
),

ofac as (
    select * from staging.stg_us_ofac_sdn__entries
),

gleif_entities as (
    select
        'lei-' || lower(g.lei) as entity_id,
        -- LEI-CDF 3.1 EntityCategory: a sole proprietor is a natural person
        -- trading under their own name; government entities are state bodies.
        case g.entity_category
            when 'SOLE_PROPRIETOR' then 'person'
            when 'RESIDENT_GOVERNMENT_ENTITY' then 'state_body'
            when 'INTERNATIONAL_ORGANIZATION' then 'state_body'
            else 'company'
        end as kind,
        g.legal_name as name,
        g.legal_jurisdiction as jurisdiction,
        hq.country as hq_country,
        lower(coalesce(g.entity_status, 'unknown')) as status,
        g.entity_category as category,
        'global_gleif_lei' as source,
        g.lei as source_record,
        g.snapshot_id
    from gleif as g
    left join gleif_hq as hq on hq.lei = g.lei
),

ofac_entities as (
    select
        'ofac-' || o.ent_num as entity_id,
        -- OFAC's SDN_Type is null for every non-individual, non-vessel,
        -- non-aircraft entry: an organisation of unstated legal form.
        case o.sdn_type
            when 'individual' then 'person'
            when 'vessel' then 'vessel'
            when 'aircraft' then 'aircraft'
            else 'organization'
        end as kind,
        o.sdn_name as name,
        null as jurisdiction,
        null as hq_country,
        'listed' as status,
        coalesce(o.sdn_type, 'entity') as category,
        'us_ofac_sdn' as source,
        cast(o.ent_num as varchar) as source_record,
        o.snapshot_id
    from ofac as o
),

-- LEIs that Level 2 names but the Level 1 file lacks (excerpts, or records
-- published between the two files): still legal entities with an LEI that a
-- customer may present, so they become nodes of unknown kind.
rr_endpoints as (
    select start_node_id as lei, snapshot_id from rr where start_node_id_type = 'LEI'
    union
    select end_node_id as lei, snapshot_id from rr where end_node_id_type = 'LEI'
),

referenced_only as (
    select
        'lei-' || lower(e.lei) as entity_id,
        'unknown' as kind,
        e.lei as name,
        null as jurisdiction,
        null as hq_country,
        'referenced_only' as status,
        null as category,
        'global_gleif_rr' as source,
        e.lei as source_record,
        any_value(e.snapshot_id) as snapshot_id
    from rr_endpoints as e
    left join gleif as g on g.lei = e.lei
    where g.lei is null
    group by e.lei
),

final as (
    select * from gleif_entities
    union all
    select * from referenced_only
    union all
    select * from ofac_entities
)

select * from final
