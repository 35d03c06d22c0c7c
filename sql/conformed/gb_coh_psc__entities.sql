-- UK PSC register (gb_coh_psc) as canonical entities: one row per person with
-- significant control or ROE beneficial owner, id 'psc-' + a hash of the
-- company number and the record's links.self (etag when absent), hashed by the
-- parse (sql/parse/gb_coh_psc/lines.sql). Kinds:
-- individual -> person, corporate entity -> company, legal person -> state_body
-- (governments and corporations sole: a state ownership signal, POLICY_RULES
-- §5), super-secure -> unknown. Every subject company that the basic company
-- data (gb_coh_companies) does not describe gets a 'referenced_only' row
-- ('gb-coh-' + its 8-character number, the id that source uses) so every PSC
-- edge ends at a node and no company has two rows of one id. Status
-- 'reported': the register reports the person, not whether it still exists.
-- The PSC staging table is read twice, each time by name rather than through
-- a CTE: a CTE read twice is materialized (the whole table buffered, which
-- spills at register scale), and DuckDB drops a stored view's `not
-- materialized` hint. Read by name, each read scans only its own columns.
with statements as (
    select * from staging.stg_gb_coh_psc__statements
),

exemptions as (
    select * from staging.stg_gb_coh_psc__exemptions
),

countries as (
    select * from staging.stg_gb_coh_psc__countries
),

described as (
    select gb_coh_number(number) as number from staging.stg_gb_coh_companies__companies
),

people as (
    select
        p.entity_id,
        case p.psc_class
            when 'individual' then 'person'
            when 'corporate-entity' then 'company'
            when 'legal-person' then 'state_body'
            else 'unknown'
        end as kind,
        p.name,
        registered.code as jurisdiction,
        -- The office the filing declares (see gb_coh_psc__addresses).
        case
            when p.psc_class in ('corporate-entity', 'legal-person')
                then coalesce(office.code, case when not p.is_beneficial_owner then address.code end)
        end as hq_country,
        'reported' as status,
        p.kind as category,
        'gb_coh_psc' as source,
        concat_ws('|', p.company_number, p.psc_key) as source_record,
        p.snapshot_id
    from staging.stg_gb_coh_psc__pscs as p
    left join countries as registered on registered.text = p.country_registered
    left join countries as office on office.text = p.principal_office_country
    left join countries as address on address.text = p.address_country
),

subjects as (
    select company_number, snapshot_id from staging.stg_gb_coh_psc__pscs
    union all
    select company_number, snapshot_id from statements
    union all
    select company_number, snapshot_id from exemptions
),

undescribed as (
    select s.*
    from subjects as s
    anti join described as d on d.number = gb_coh_number(s.company_number)
),

referenced_only as (
    select
        gb_coh_id(any_value(company_number)) as entity_id,
        'company' as kind,
        any_value(gb_coh_number(company_number)) as name,
        -- Overseas companies and registered overseas entities are incorporated abroad.
        case
            when any_value(left(gb_coh_number(company_number), 2)) in ('FC', 'SF', 'NF', 'OE')
                then null
            else 'GB'
        end as jurisdiction,
        null as hq_country,
        'referenced_only' as status,
        null as category,
        'gb_coh_psc' as source,
        any_value(gb_coh_number(company_number)) as source_record,
        any_value(snapshot_id) as snapshot_id
    from undescribed
    group by gb_coh_number(company_number)
),

final as (
    select * from people
    union all
    select * from referenced_only
)

select * from final
