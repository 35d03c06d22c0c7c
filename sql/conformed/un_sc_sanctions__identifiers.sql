-- Identifiers on the UN consolidated list: the reference number (QDi.001,
-- scheme 'un-sc', which the EU list repeats as unitedNationId) and the travel
-- and identity documents of individuals (passport, national-id; see
-- data/reference/un_sc_document_types.csv), issuer = the issuing country.
-- Values upper-cased without spaces.
with entries as (
    select * from staging.stg_un_sc_sanctions__entries
),

documents as (
    select * from staging.stg_un_sc_sanctions__documents
),

reference_numbers as (
    select
        'un-sc-' || dataid as entity_id,
        'un-sc' as scheme,
        upper(replace(reference_number, ' ', '')) as value,
        null::varchar as issuer,
        'un_sc_sanctions' as source,
        cast(dataid as varchar) as source_record,
        snapshot_id
    from entries
    where reference_number is not null
),

document_numbers as (
    select
        'un-sc-' || dataid as entity_id,
        scheme,
        upper(replace(number, ' ', '')) as value,
        coalesce(issuing_country_code, country_of_issue_code, issuing_country, country_of_issue)
            as issuer,
        'un_sc_sanctions' as source,
        cast(dataid as varchar) as source_record,
        snapshot_id
    from documents
    where scheme is not null and number is not null
),

final as (
    select * from reference_numbers
    union all
    select * from document_numbers
)

select * from final
