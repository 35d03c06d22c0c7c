-- GLEIF reporting exceptions after a delta. An exception is keyed by LEI and
-- ExceptionCategory (one per parent level). The delta carries each changed
-- exception whole, and an exception that ended (typically because the entity
-- now reports that parent as a relationship record) with an
-- Extension/gleif:Deletion marker (``deleted``): its key leaves the table.
-- $base, $delta: the exceptions table, last good and from the delta;
-- $delta_keys: the same delta table.
with base as (
    select * from read_parquet($base)
),

delta as (
    select * from read_parquet($delta)
),

changed as (
    select distinct lei, exception_category from read_parquet($delta_keys)
),

kept as (
    select base.* from base
    anti join changed
        on changed.lei = base.lei
        and changed.exception_category = base.exception_category
),

final as (
    select * from kept
    union all by name
    select * from delta where not coalesce(deleted, false)
)

select * from final
