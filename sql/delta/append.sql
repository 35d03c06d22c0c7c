-- Quarantine and leftovers after a delta: the last good trace plus the delta's.
-- A record quarantined earlier stays quarantined until a full reload: nothing
-- is dropped without a trace.
with base as (
    select * from read_parquet($base)
),

delta as (
    select * from read_parquet($delta)
),

final as (
    select * from base
    union all by name
    select * from delta
)

select * from final
