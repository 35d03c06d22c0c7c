-- GLEIF relationship records after a delta. A relationship is keyed by its
-- child (StartNode), parent (EndNode) and RelationshipType; the delta carries
-- each changed record whole, and a record GLEIF withdrew once more with an
-- Extension/gleif:Deletion marker (``deleted``): its key leaves the table.
-- $base, $delta: the relationships table, last good and from the delta;
-- $delta_keys: the same delta table (the key and the rows live together).
with base as (
    select * from read_parquet($base)
),

delta as (
    select * from read_parquet($delta)
),

changed as (
    select distinct start_node_id, end_node_id, relationship_type
    from read_parquet($delta_keys)
),

kept as (
    select base.* from base
    anti join changed
        on changed.start_node_id = base.start_node_id
        and changed.end_node_id = base.end_node_id
        and changed.relationship_type = base.relationship_type
),

final as (
    select * from kept
    union all by name
    select * from delta where not coalesce(deleted, false)
)

select * from final
