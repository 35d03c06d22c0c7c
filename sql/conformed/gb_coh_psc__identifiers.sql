-- Identifiers from the UK PSC register: the registration number of each
-- corporate or legal-person PSC (scheme 'gb-coh' when its identification
-- places it at Companies House, else 'psc-registration' with the place and
-- country as issuer), and the 'gb-coh' number of every subject company, so
-- entity resolution can join a corporate PSC to the company it is.
with identifiers as (
    select * from staging.stg_gb_coh_psc__identifiers
),

subjects as (
    select * from conformed.gb_coh_psc__entities
    where status = 'referenced_only'
),

psc_numbers as (
    select
        entity_id,
        scheme,
        value,
        issuer,
        'gb_coh_psc' as source,
        concat_ws('|', company_number, psc_key) as source_record,
        snapshot_id
    from identifiers
),

subject_numbers as (
    select
        entity_id,
        'gb-coh' as scheme,
        source_record as value,
        'GB-COH' as issuer,
        source,
        source_record,
        snapshot_id
    from subjects
),

final as (
    select * from psc_numbers
    union all
    select * from subject_numbers
)

select * from final
