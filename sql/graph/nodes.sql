-- One node per canonical entity, plus a stub node for every relationship
-- endpoint that no source describes (for example a parent LEI missing from
-- the Level 1 file), so no edge dangles.
with entities as (
    select * from canonical.entities
),

entity_map as (
    select * from resolve.entity_map
),

relationships as (
    select * from canonical.relationships
),

-- Registers describe an entity better than lists do: prefer their record
-- for the node's headline fields, then the smallest id for determinism.
ranked as (
    select
        m.canonical_id as node_id,
        e.*,
        case e.source when 'global_gleif_lei' then 0 else 1 end as source_rank
    from entities as e
    inner join entity_map as m on m.entity_id = e.entity_id
),

described as (
    select
        node_id,
        arg_min(kind, (source_rank, entity_id)) as kind,
        arg_min(name, (source_rank, entity_id)) as name,
        arg_min(jurisdiction, (source_rank, entity_id)) as jurisdiction,
        arg_min(hq_country, (source_rank, entity_id)) filter (
            where hq_country is not null
        ) as hq_country,
        arg_min(status, (source_rank, entity_id)) as status,
        list(distinct entity_id order by entity_id) as entity_ids,
        list(distinct source order by source) as sources
    from ranked
    group by node_id
),

endpoints as (
    select owner_id as entity_id, source, split_part(source_record, '|', 2) as source_key
    from relationships
    union
    select subject_id as entity_id, source, split_part(source_record, '|', 1) as source_key
    from relationships
),

stubs as (
    select
        p.entity_id as node_id,
        'unknown' as kind,
        any_value(p.source_key) as name,
        null as jurisdiction,
        null as hq_country,
        'referenced_only' as status,
        [p.entity_id] as entity_ids,
        list(distinct p.source order by p.source) as sources
    from endpoints as p
    left join entity_map as m on m.entity_id = p.entity_id
    where m.entity_id is null
    group by p.entity_id
),

final as (
    select * from described
    union all
    select * from stubs
)

select * from final
