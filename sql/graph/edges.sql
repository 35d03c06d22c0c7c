-- Relationships between canonical nodes. A link that resolution folds into a
-- self-loop carries no information about ownership and is dropped here.
with relationships as (
    select * from canonical.relationships
),

entity_map as (
    select * from resolve.entity_map
),

mapped as (
    select
        r.relationship_id,
        coalesce(o.canonical_id, r.owner_id) as owner_id,
        coalesce(s.canonical_id, r.subject_id) as subject_id,
        r.basis,
        r.direct_or_indirect,
        r.stake_lo,
        r.stake_hi,
        r.lo_inclusive,
        r.hi_inclusive,
        r.start_date,
        r.end_date,
        r.status,
        r.source_type,
        r.source,
        r.source_record,
        r.snapshot_id
    from relationships as r
    left join entity_map as o on o.entity_id = r.owner_id
    left join entity_map as s on s.entity_id = r.subject_id
),

final as (
    select * from mapped
    where owner_id <> subject_id
)

select * from final
