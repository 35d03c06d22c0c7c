-- Why a UK company names no (or not every) PSC: its statements and its
-- exemptions still in force. A statement is a gap, not a zero:
-- "psc-exists-but-not-identified" means an owner exists but is unknown
-- (parent_exists true, from data/reference/psc_statements.csv); exemptions
-- (shares traded on a regulated market) say nothing either way (null).
-- parent_level 'psc': the register's persons with significant control.
with statements as (
    select * from staging.stg_gb_coh_psc__statements
),

exemptions as (
    select * from staging.stg_gb_coh_psc__exemptions
),

current_statements as (
    select
        gb_coh_id(company_number) as entity_id,
        'psc' as parent_level,
        statement as reason,
        parent_exists,
        'gb_coh_psc' as source,
        concat_ws('|', company_number, coalesce(links_self, 'etag:' || etag)) as source_record,
        snapshot_id
    from statements
    where ceased_on is null
),

current_exemptions as (
    select
        gb_coh_id(company_number) as entity_id,
        'psc' as parent_level,
        exemption_type as reason,
        null::boolean as parent_exists,
        'gb_coh_psc' as source,
        concat_ws('|', company_number, exemption_key) as source_record,
        snapshot_id
    from exemptions
    where exempt_to is null
),

final as (
    select * from current_statements
    union all
    select * from current_exemptions
)

select * from final
