-- One row per (entity, list, program) membership, current or delisted.
-- conformed.lists__memberships gives every list source's memberships (from
-- the parsed file) and delistings (entries a later snapshot no longer has,
-- with the day their absence was first seen). `regimes` names the policies whose roots the
-- list provides (data/reference/list_codes.csv; POLICY_RULES.md).
with list_codes as (
    select * from reference.list_codes
),

unioned as (
    select * from conformed.lists__memberships
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
