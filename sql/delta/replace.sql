-- The header after a delta: the delta's own (its ContentDate is the new
-- snapshot's content date; FileContent and DeltaStart say it came by delta).
with delta as (
    select * from read_parquet($delta)
),

final as (
    select * from delta
)

select * from final
