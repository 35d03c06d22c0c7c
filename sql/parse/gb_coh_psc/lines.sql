-- One row per line of the batch `raw_lines` (line, text), parsed once and
-- flattened to the columns of the pscs and statements staging tables, with
-- its class (psc, statement, exemptions, totals, unknown; null when
-- unreadable), the reason it cannot be read, its PSC key and the shape of
-- its keys and member types (checked once per distinct shape by
-- shapes.sql), and a PSC's entity id. Fetched once as Arrow: the staging tables are slices of it.
with typed as (
    select
        line,
        text,
        -- try(): null for text that is not JSON, one parse for the valid rest.
        try(json_type(text, [
            '$', '$.data', '$.data.kind', '$.company_number', '$.data.links.self', '$.data.etag',
            '$.data.address', '$.data.principal_office_address', '$.data.identification',
            '$.data.name_elements', '$.data.date_of_birth', '$.data.links',
            '$.data.natures_of_control'
        ])) as t
    from raw_lines
),

checked as (
    select
        line,
        text,
        t,
        case
            -- trim only here: blank lines are skipped, not quarantined.
            when t is null and trim(text) = '' then 'blank'
            when t is null then 'invalid JSON'
            when t[1] <> 'OBJECT' then 'not a JSON object'
            when t[2] is distinct from 'OBJECT' then 'no data object'
            when t[3] is distinct from 'VARCHAR' then 'no data.kind string'
            -- Only the totals line has no company_number (its kind is parsed
            -- again here, for the few lines without one).
            when t[4] is distinct from 'VARCHAR'
                and (text ->> '$.data.kind') is distinct from $totals_kind
                then 'no company_number string'
            when t[4] = 'VARCHAR' and t[5] is null and t[6] is null
                then 'no links.self and no etag'
        end as reason
    from typed
),

parsed as (
    select
        line,
        reason,
        case when reason is null then psc_record(text) end as r,
        case when reason is null then hash(
            json_keys(text, [
                '$', '$.data', '$.data.address', '$.data.principal_office_address',
                '$.data.identification', '$.data.name_elements', '$.data.date_of_birth',
                '$.data.links'
            ]),
            t[7:13]
        ) end as shape
    from checked
    where reason is distinct from 'blank'
),

flat as (
    select
        p.line,
        p.reason,
        p.r.data.kind,
        case when p.reason is null then coalesce(k.class, 'unknown') end as class,
        p.r.company_number,
        coalesce(p.r.data.links.self, 'etag:' || p.r.data.etag) as psc_key,
        p.shape,
        p.r.data.statement,
        p.r.data.linked_psc_name,
        p.r.data.restrictions_notice_withdrawal_reason,
        p.r.data.links.person_with_significant_control as links_psc,
        regexp_extract(p.r.data.kind, '^(individual|corporate-entity|legal-person|super-secure)-', 1)
            as psc_class,
        ends_with(p.r.data.kind, '-beneficial-owner') as is_beneficial_owner,
        p.r.data.name,
        p.r.data.name_elements.title,
        p.r.data.name_elements.forename,
        p.r.data.name_elements.other_forenames,
        p.r.data.name_elements.middle_name,
        p.r.data.name_elements.surname,
        p.r.data.nationality,
        p.r.data.country_of_residence,
        p.r.data.date_of_birth.month as dob_month,
        p.r.data.date_of_birth.year as dob_year,
        try_cast(p.r.data.notified_on as date) as notified_on,
        try_cast(p.r.data.ceased_on as date) as ceased_on,
        p.r.data.notified_on as notified_raw,
        p.r.data.ceased_on as ceased_raw,
        p.r.data.ceased,
        p.r.data.description,
        p.r.data.address.care_of as address_care_of,
        p.r.data.address.po_box as address_po_box,
        p.r.data.address.premises as address_premises,
        p.r.data.address.address_line_1 as address_address_line_1,
        p.r.data.address.address_line_2 as address_address_line_2,
        p.r.data.address.locality as address_locality,
        p.r.data.address.region as address_region,
        p.r.data.address.postal_code as address_postal_code,
        p.r.data.address.country as address_country,
        p.r.data.principal_office_address.care_of as principal_office_care_of,
        p.r.data.principal_office_address.po_box as principal_office_po_box,
        p.r.data.principal_office_address.premises as principal_office_premises,
        p.r.data.principal_office_address.address_line_1 as principal_office_address_line_1,
        p.r.data.principal_office_address.address_line_2 as principal_office_address_line_2,
        p.r.data.principal_office_address.locality as principal_office_locality,
        p.r.data.principal_office_address.region as principal_office_region,
        p.r.data.principal_office_address.postal_code as principal_office_postal_code,
        p.r.data.principal_office_address.country as principal_office_country,
        p.r.data.identification.country_registered,
        p.r.data.identification.legal_authority,
        p.r.data.identification.legal_form,
        p.r.data.identification.place_registered,
        p.r.data.identification.registration_number,
        p.r.data.natures_of_control,
        p.r.data.is_sanctioned,
        p.r.data.etag,
        p.r.data.links.self as links_self,
        $file as file
    from parsed as p
    left join psc_kind_classes as k on k.kind = p.r.data.kind
)

-- A PSC's entity id (the warehouse's hashed_id of company|psc_key), hashed here
-- once: the conformed PSC views read it rather than hash 13 M keys five times.
select
    *,
    case when class = 'psc' then hashed_id('psc', concat_ws('|', company_number, psc_key)) end
        as entity_id
from flat
