-- Macros of the gb_coh_psc parse connection (run once per parse).

-- A snapshot line parsed once into a struct. json_transform turns a value of
-- the wrong JSON type into null silently, so lines.sql checks the types of
-- the object and array members before a line is trusted.
create or replace macro psc_record(txt) as json_transform(txt, '{
    "company_number": "VARCHAR",
    "data": {
        "kind": "VARCHAR", "name": "VARCHAR", "nationality": "VARCHAR",
        "country_of_residence": "VARCHAR", "notified_on": "VARCHAR", "ceased_on": "VARCHAR",
        "ceased": "BOOLEAN", "description": "VARCHAR", "is_sanctioned": "BOOLEAN",
        "etag": "VARCHAR", "statement": "VARCHAR", "linked_psc_name": "VARCHAR",
        "restrictions_notice_withdrawal_reason": "VARCHAR",
        "natures_of_control": ["VARCHAR"],
        "date_of_birth": {"month": "BIGINT", "year": "BIGINT"},
        "links": {"self": "VARCHAR", "person_with_significant_control": "VARCHAR"},
        "name_elements": {
            "title": "VARCHAR", "forename": "VARCHAR", "other_forenames": "VARCHAR",
            "middle_name": "VARCHAR", "surname": "VARCHAR"
        },
        "identification": {
            "country_registered": "VARCHAR", "legal_authority": "VARCHAR",
            "legal_form": "VARCHAR", "place_registered": "VARCHAR",
            "registration_number": "VARCHAR"
        },
        "address": {
            "care_of": "VARCHAR", "po_box": "VARCHAR", "premises": "VARCHAR",
            "address_line_1": "VARCHAR", "address_line_2": "VARCHAR", "locality": "VARCHAR",
            "region": "VARCHAR", "postal_code": "VARCHAR", "country": "VARCHAR"
        },
        "principal_office_address": {
            "care_of": "VARCHAR", "po_box": "VARCHAR", "premises": "VARCHAR",
            "address_line_1": "VARCHAR", "address_line_2": "VARCHAR", "locality": "VARCHAR",
            "region": "VARCHAR", "postal_code": "VARCHAR", "country": "VARCHAR"
        }
    }
}');

-- Every key of a line as a dotted path ("data.address.country"), for the
-- leftover check; only the objects the snapshot defines are descended into.
create or replace macro psc_keys(txt) as list_transform(
    list_zip(
        ['', 'data.', 'data.address.', 'data.principal_office_address.',
         'data.identification.', 'data.name_elements.', 'data.date_of_birth.', 'data.links.'],
        json_keys(txt, ['$', '$.data', '$.data.address', '$.data.principal_office_address',
                        '$.data.identification', '$.data.name_elements',
                        '$.data.date_of_birth', '$.data.links'])
    ),
    pair -> list_transform(coalesce(pair[2], []), key -> pair[1] || key)
).flatten();

-- The keys of a line that are neither mapped nor ignored.
create or replace macro psc_unexpected(txt, known) as
    list_filter(psc_keys(txt), key -> not list_contains(known, key));

-- Free text folded for comparison: lower case, "&" as "and", punctuation as
-- spaces, spaces collapsed ("England & Wales" -> "england and wales").
create or replace macro psc_fold(txt) as nullif(trim(regexp_replace(
    regexp_replace(replace(lower(txt), '&', ' and '), '[^a-z0-9]+', ' ', 'g'),
    ' +', ' ', 'g')), '');

-- UK jurisdictions as PSCs type them (folded). Conservative on purpose: a
-- bare "registrar of companies" also names Hong Kong's or Gibraltar's.
create or replace macro psc_is_uk_text(t) as t in (
    'england', 'wales', 'scotland', 'northern ireland', 'england and wales',
    'united kingdom', 'uk', 'u k', 'great britain', 'gb', 'britain',
    'united kingdom england and wales', 'uk england and wales', 'england uk', 'wales uk',
    'scotland uk', 'northern ireland uk', 'england and wales uk',
    'england and wales united kingdom', 'england united kingdom'
) or regexp_full_match(coalesce(t, ''),
    '(the )?(uk |united kingdom )?(companies house|registrar of companies (for |of |in )?'
    || '(england and wales|england|wales|scotland|northern ireland))( .*)?');

-- A UK company law as the only hint (no place or country given).
create or replace macro psc_is_uk_authority(t) as psc_is_uk_text(t) or regexp_full_match(
    coalesce(t, ''), '(uk |united kingdom )?companies act (1985|1989|2006)( .*uk| .*united kingdom| .*england and wales)?');

-- Does the identification name a Companies House registration? Every text
-- given must be UK; one of place/country must be given, or else the law.
create or replace macro psc_is_companies_house(place, country, authority) as
    (psc_fold(place) is null or psc_is_uk_text(psc_fold(place)))
    and (psc_fold(country) is null or psc_is_uk_text(psc_fold(country)))
    and (psc_fold(place) is not null or psc_fold(country) is not null
         or psc_is_uk_authority(psc_fold(authority)));
