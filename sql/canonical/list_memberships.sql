-- One row per (entity, list, program). The OFAC legacy CSV carries no listing
-- dates, so `listed_on` is null there; delistings are found by comparing
-- snapshots (issue 4).
with ofac as (
    select * from staging.stg_us_ofac_sdn__entries
),

ofac_programs as (
    select
        'ofac-' || ent_num as entity_id,
        'us_ofac_sdn' as list_code,
        unnest(programs) as program,
        null::date as listed_on,
        null::date as delisted_on,
        'us_ofac_sdn' as source,
        cast(ent_num as varchar) as source_record,
        snapshot_id
    from ofac
),

final as (
    select * from ofac_programs
)

select * from final
