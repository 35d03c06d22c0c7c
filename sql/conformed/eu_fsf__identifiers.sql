-- Identifiers on the EU list: the EU reference number (scheme 'eu-fsf'), the
-- logicalId ('eu-fsf-id'), the UN reference number of entries taken over from
-- the UN list ('un-sc', so resolution can merge them with un_sc_sanctions),
-- and the identification documents whose type has a canonical scheme
-- (data/reference/eu_fsf_identification_types.csv: passport, national-id,
-- registration, tax-id, imo, swift-bic); a document's number in Latin script,
-- when given apart, is a second value. Issuer: the country, else issuedBy.
-- Values upper-cased without spaces.
with entries as (
    select * from staging.stg_eu_fsf__entries
),

identifications as (
    select * from staging.stg_eu_fsf__identifications
),

list_ids as (
    select
        'eu-fsf-' || logical_id as entity_id,
        scheme,
        upper(replace(value, ' ', '')) as value,
        null::varchar as issuer,
        'eu_fsf' as source,
        cast(logical_id as varchar) as source_record,
        snapshot_id
    from entries
    cross join lateral (
        values
            ('eu-fsf', eu_reference_number),
            ('eu-fsf-id', cast(logical_id as varchar)),
            ('un-sc', united_nation_id)
    ) as ids (scheme, value)
    where value is not null
),

document_numbers as (
    select
        'eu-fsf-' || i.logical_id as entity_id,
        i.scheme,
        upper(replace(n.value, ' ', '')) as value,
        coalesce(i.country_code, i.issued_by) as issuer,
        'eu_fsf' as source,
        cast(i.logical_id as varchar) as source_record,
        i.snapshot_id
    from identifications as i
    cross join lateral (
        values (i.number), (case when i.latin_number <> i.number then i.latin_number end)
    ) as n (value)
    where i.scheme is not null and n.value is not null
),

final as (
    select * from list_ids
    union all
    select * from document_numbers
)

select * from final
