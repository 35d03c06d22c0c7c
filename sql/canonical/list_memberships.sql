-- One row per (entity, list, program) membership, current or delisted. Each
-- list source's conformed model gives its memberships (from the parsed file)
-- and its delistings (entries a later snapshot no longer has, with the day
-- their absence was first seen). `regimes` names the policies whose roots the
-- list provides (data/reference/list_codes.csv; POLICY_RULES.md).
with list_codes as (
    select * from reference.list_codes
),

ofac as (
    select * from staging.stg_us_ofac_sdn__entries
),

ofac_programs as (
    select
        'ofac-' || ent_num as entity_id,
        'us_ofac_sdn' as list_code,
        unnest(programs) as program,
        null::date as listed_on,
        null::date as delisted_on,
        null::varchar as delisting_reason,
        'us_ofac_sdn' as source,
        cast(ent_num as varchar) as source_record,
        snapshot_id
    from ofac
),

unioned as (
    select * from ofac_programs
),

final as (
    select
        u.entity_id,
        u.list_code,
        u.program,
        u.listed_on,
        u.delisted_on,
        u.delisting_reason,
        string_split(l.regimes, ' ') as regimes,
        l.authority,
        u.source,
        u.source_record,
        u.snapshot_id
    from unioned as u
    left join list_codes as l on l.list_code = u.list_code
)

select * from final
