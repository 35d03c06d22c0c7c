-- UN Security Council consolidated list (un_sc_sanctions) as canonical
-- entities: one row per INDIVIDUAL (a person) or ENTITY record, id 'un-sc-' +
-- DATAID (stable across versions of a record). The UN does not say whether an
-- ENTITY is a company, so its kind is 'organization'; category is the record
-- element. An entry that a later snapshot dropped keeps a row (status
-- 'delisted', kind 'unknown', named by its key) so its delisting membership names an
-- existing entity.
with entries as (
    select * from staging.stg_un_sc_sanctions__entries
),

delistings as (
    select * from staging.stg_un_sc_sanctions__delistings
),

listed as (
    select
        'un-sc-' || dataid as entity_id,
        case record_type when 'INDIVIDUAL' then 'person' else 'organization' end as kind,
        name,
        null::varchar as jurisdiction,
        null::varchar as hq_country,
        'listed' as status,
        record_type as category,
        'un_sc_sanctions' as source,
        cast(dataid as varchar) as source_record,
        snapshot_id
    from entries
),

delisted as (
    select
        'un-sc-' || lower(d.key) as entity_id,
        'unknown' as kind,
        d.key as name,  -- its last name is in earlier snapshots only
        null::varchar as jurisdiction,
        null::varchar as hq_country,
        'delisted' as status,
        null::varchar as category,
        'un_sc_sanctions' as source,
        d.key as source_record,
        any_value(d.snapshot_id) as snapshot_id
    from delistings as d
    anti join entries as e on cast(e.dataid as varchar) = d.key
    group by d.key
),

final as (
    select * from listed
    union all
    select * from delisted
)

select * from final
