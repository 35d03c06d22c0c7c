-- Companies House BasicCompanyData companies as canonical entities. The id is
-- 'gb-coh-' plus the company number, upper-case and zero-padded to 8 (the
-- register's own key, as GLEIF also prints it). Every register entry is a
-- registered body, so kind is 'company' (LLPs, partnerships and CIOs too:
-- category says which). Jurisdiction: the number prefix names the register
-- (SC Scotland, NI Northern Ireland, none England and Wales: all GB), except
-- overseas companies and registered overseas entities (FC, SF, NF, OE), which
-- are incorporated abroad: their CountryOfOrigin. Status is the API's
-- company_status key (data/reference/gb_coh_company_statuses.csv), or the
-- lower-cased display text for a value accepted as new.
with companies as (
    select * from staging.stg_gb_coh_companies__companies
),

final as (
    select
        gb_coh_id(number) as entity_id,
        'company' as kind,
        name,
        case
            when upper(left(number, 2)) in ('FC', 'SF', 'NF', 'OE')
                then country_of(country_of_origin_code)
            else 'GB'
        end as jurisdiction,
        null as hq_country,
        coalesce(status_key, lower(status)) as status,
        category,
        'gb_coh_companies' as source,
        gb_coh_number(number) as source_record,
        snapshot_id
    from companies
)

select * from final
