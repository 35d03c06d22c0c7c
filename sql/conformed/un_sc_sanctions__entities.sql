-- UN Security Council consolidated list (un_sc_sanctions) as canonical
-- entities: one row per INDIVIDUAL (a person) or ENTITY record, id 'un-sc-' +
-- DATAID (stable across versions of a record). The UN does not say whether an
-- ENTITY is a company, so its kind is 'organization'; category is the record
-- element.
-- (A delisted entry's entity row comes from canonical.entities, for every list.)
with entries as (
    select * from staging.stg_un_sc_sanctions__entries
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

final as (
    select * from listed
)

select * from final
