-- Registration numbers of corporate and legal-person PSCs, for entity
-- resolution. A number the identification places at Companies House becomes
-- scheme 'gb-coh' (8 characters, zero-padded); any other stays
-- 'psc-registration', issued by the place and country as typed.
-- Reads `psc_rows`: the batch's staged pscs rows that have a number.
with ids as (
    select
        company_number,
        psc_key,
        entity_id,
        upper(regexp_replace(trim(registration_number), '[\s.]', '', 'g')) as number,
        trim(registration_number) as raw_number,
        place_registered as place,
        country_registered as country,
        legal_authority as authority,
        file,
        line
    from psc_rows
    where nullif(trim(registration_number), '') is not null
),

-- The free-text test runs once per distinct (place, country, authority).
places as (
    select
        place,
        country,
        authority,
        psc_is_companies_house(place, country, authority) as is_uk
    from (select distinct place, country, authority from ids)
),

typed as (
    select
        i.*,
        -- Companies House numbers: up to 8 digits, or 2 letters and 6 digits (SC, NI, OC...).
        p.is_uk and (regexp_full_match(i.number, '[0-9]{1,8}')
            or regexp_full_match(i.number, '[A-Z]{2}[0-9]{6}')) as is_companies_house
    from ids as i
    inner join places as p
        on p.place is not distinct from i.place
        and p.country is not distinct from i.country
        and p.authority is not distinct from i.authority
)

select
    company_number,
    psc_key,
    case when is_companies_house then 'gb-coh' else 'psc-registration' end as scheme,
    case when is_companies_house then lpad(number, 8, '0') else raw_number end as value,
    case when is_companies_house then 'GB-COH' else concat_ws('; ', place, country) end
        as issuer,
    file,
    line,
    entity_id
from typed
