-- Memberships of the entries of OFAC's two legacy CSV sets, one per (entry,
-- list, program): every SDN-set entry is on us_ofac_sdn; a non-SDN entry is on
-- the sub-list data/reference/ofac_cons_programs.csv names for its program
-- tag. The legacy CSV states no listing dates, except NS-CMIC's "Listing Date
-- (CMIC)". Delistings are the memberships the last good snapshots had and the
-- newest lacks (written by the stage), with the day the absence was seen.
with memberships as (
    select 'us_ofac_sdn' as source, * from staging.stg_us_ofac_sdn__memberships
    union all by name
    select 'us_ofac_cons' as source, * from staging.stg_us_ofac_cons__memberships
),

delistings as (
    select 'us_ofac_sdn' as source, * from staging.stg_us_ofac_sdn__delistings
    union all by name
    select 'us_ofac_cons' as source, * from staging.stg_us_ofac_cons__delistings
),

listed as (
    select
        'ofac-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        case when delisted_on is not null then 'end date stated by the list' end
            as delisting_reason,
        source,
        key as source_record,
        snapshot_id
    from memberships
),

delisted as (
    select
        'ofac-' || lower(key) as entity_id,
        list_code,
        program,
        listed_on,
        delisted_on,
        reason as delisting_reason,
        source,
        key as source_record,
        snapshot_id
    from delistings
),

final as (
    select * from listed
    union all
    select * from delisted
)

select * from final
