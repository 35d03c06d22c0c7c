-- Memberships the last good snapshot of a list had and the new one lacks, plus
-- the earlier delistings that stay delisted (a relisted entry leaves this
-- table: its new membership row speaks for it). The delisting date is the day
-- the absence was first seen; the entry was last listed in $previous_snapshot.
with current_rows as (
    select * from read_parquet($current)
),

previous_rows as (
    select * from read_parquet($previous)
),

earlier as (
    select * from read_parquet($previous_delistings)
),

removed as (
    select
        p.key,
        p.list_code,
        p.program,
        p.listed_on,
        $previous_snapshot as last_seen_snapshot,
        $seen_on::date as delisted_on,
        'absent from snapshot ' || $current_snapshot || ' (last listed in '
            || $previous_snapshot || ')' as reason
    from previous_rows as p
    where not exists (
        select 1 from current_rows as c
        where c.key = p.key
            and c.list_code = p.list_code
            and c.program is not distinct from p.program
    )
),

still_delisted as (
    select e.*
    from earlier as e
    where not exists (
        select 1 from current_rows as c
        where c.key = e.key
            and c.list_code = e.list_code
            and c.program is not distinct from e.program
    )
        -- Delisted again after a relisting: the new row (in removed) wins.
        and not exists (
            select 1 from removed as r
            where r.key = e.key
                and r.list_code = e.list_code
                and r.program is not distinct from e.program
        )
),

final as (
    select distinct * from removed
    union all
    select * from still_delisted
)

select * from final
order by list_code, key, program nulls first, delisted_on
