-- Filler lines of the PSC snapshot: one JSON object per line, keys in the
-- order Companies House writes them (alphabetical), absent fields left out.
-- Every $every-th line is a statement; the rest are PSC or beneficial-owner
-- records of ordinary companies. No owner is headquartered in China, Hong
-- Kong or Macau: the filler must never change the denylist. A corporate PSC
-- is another filler company (England & Wales number, k % 20 = 1, never its
-- own company): it gives that company's number and name, so it never shares
-- a number with a GLEIF record (places.GB_LEI_NUMBERS lie below) and
-- resolution joins it to the company by its number.
with numbered as (
    select
        i,
        company_number((i * $n_co) // $n, $first) as cn,
        (i * $n_co) // $n as k,
        hash($seed, 'psc', i) as h,
        hash($seed, 'psc-name', i) as h2,
        etag($seed, 'psc', i) as etag,
        ch_id($seed, 'psc', i) as psc_id,
        i % $every = $every - 1 as is_statement,
        company_number((i * $n_co) // $n, $first) like 'OE%' as overseas
    from range($n) as t (i)
),

typed as (
    select
        *,
        case
            when is_statement then 'persons-with-significant-control-statement'
            when overseas and h % 100 < 70 then 'individual-beneficial-owner'
            when overseas then 'corporate-entity-beneficial-owner'
            when h % 1000 < 845 then 'individual-person-with-significant-control'
            when h % 1000 < 990 then 'corporate-entity-person-with-significant-control'
            when h % 1000 < 996 then 'legal-person-person-with-significant-control'
            else 'super-secure-person-with-significant-control'
        end as kind,
        pick(['England', 'England', 'England', 'United Kingdom', 'Wales', 'Scotland',
              'Northern Ireland', 'Ireland', 'Germany', 'Netherlands', 'United States', 'Jersey'], 12,
             h // 7) as country,
        pick(['Mr', 'Mrs', 'Ms', 'Miss', 'Dr'], 5, h2) as title,
        pick(['James', 'Sarah', 'David', 'Emma', 'Mohammed', 'Olivia', 'Piotr', 'Priya', 'Liam',
              'Chloe', 'Andrew', 'Fatima', 'Daniel', 'Grace', 'Tomasz', 'Aisha'], 16, h2 // 5) as forename,
        pick(['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Patel', 'Khan', 'Evans',
              'Thomas', 'Roberts', 'Kowalski', 'Murphy', 'Walker', 'Hughes', 'Campbell'], 16,
             h2 // 80) as surname,
        20 * ((h2 // 47) % greatest($n_co // 20, 1)) + 1 as owner_k,
        day_in(h // 11, '2016-04-06', '2026-11-01') as notified,
        h % 10 = 3 as has_ceased
    from numbered
),

owners as (
    select
        * exclude (owner_k),
        case when owner_k = k then owner_k + 20 else owner_k end as owner_k
    from typed
),

natures as (
    select
        *,
        case
            when kind like '%beneficial-owner' then pick([
                '["ownership-of-shares-more-than-25-percent-registered-overseas-entity","voting-rights-more-than-25-percent-registered-overseas-entity"]',
                '["significant-influence-or-control-registered-overseas-entity"]',
                '["right-to-appoint-and-remove-directors-registered-overseas-entity"]'], 3, h // 13)
            when cn like 'OC%' then pick([
                '["right-to-share-surplus-assets-75-to-100-percent-limited-liability-partnership","voting-rights-75-to-100-percent-limited-liability-partnership"]',
                '["right-to-share-surplus-assets-25-to-50-percent-limited-liability-partnership"]',
                '["right-to-appoint-and-remove-members-limited-liability-partnership"]'], 3, h // 13)
            else pick([
                '["ownership-of-shares-75-to-100-percent","voting-rights-75-to-100-percent","right-to-appoint-and-remove-directors"]',
                '["ownership-of-shares-25-to-50-percent","voting-rights-25-to-50-percent"]',
                '["ownership-of-shares-50-to-75-percent","voting-rights-50-to-75-percent"]',
                '["ownership-of-shares-75-to-100-percent"]',
                '["significant-influence-or-control"]',
                '["ownership-of-shares-25-to-50-percent-as-trust","voting-rights-25-to-50-percent-as-trust"]',
                '["ownership-of-shares-75-to-100-percent","voting-rights-75-to-100-percent"]'], 7,
                h // 13)
        end as natures_of_control
    from owners
),

records as (
    -- Built as text: to_json() of a struct with nulls stripped afterwards was
    -- five times slower. No value here needs JSON escaping.
    select
        cn,
        case when kind like 'super-secure%' or is_statement then '' else jraw('address', jobj(
            jstr('address_line_1', pick(['High Street', 'Station Road', 'Church Lane', 'Mill Road',
                                         'Victoria Street', 'Park Avenue'], 6, h // 19))
            || jstr('country', country)
            || jstr('locality', pick(['London', 'Manchester', 'Leeds', 'Bristol', 'Glasgow',
                                      'Cardiff', 'Belfast', 'Birmingham'], 8, h // 23))
            || jstr('postal_code', pick(['EC1A', 'M1', 'LS1', 'BS1', 'G2', 'CF10', 'BT1', 'B2'],
                                        8, h // 23)
                    || ' ' || ((h // 29) % 9 + 1)::varchar
                    || pick(['AB', 'DX', 'HQ', 'LN', 'RT', 'WZ'], 6, h // 31))
            || jstr('premises', ((h // 17) % 200 + 1)::varchar))) end
        || case when kind like 'super-secure%' then ',"ceased":false' else '' end
        || case when has_ceased and kind not like 'super-secure%' then jstr('ceased_on',
            least(notified + ((h // 37) % 900)::integer, '2026-11-19'::date)::varchar) else '' end
        || case when kind like 'individual%' then jstr('country_of_residence', country)
            || jraw('date_of_birth', '{"month":' || ((h2 // 41) % 12 + 1)::varchar
                    || ',"year":' || ((h2 // 43) % 55 + 1945)::varchar || '}') else '' end
        || case when kind like 'super-secure%'
            then ',"description":"super-secure-persons-with-significant-control"' else '' end
        || jstr('etag', etag)
        || case when kind like 'corporate%' then jraw('identification', jobj(
                jstr('country_registered', case when country in ('England', 'Wales')
                                                then 'England And Wales' else country end)
                || ',"legal_authority":"Companies Act 2006","legal_form":"Private Limited Company"'
                || ',"place_registered":"Companies House"'
                || jstr('registration_number', company_number(owner_k, $first))))
            when kind like 'legal-person%' then ',"identification":{"legal_authority":"Crown"'
                || ',"legal_form":"Corporation Sole"}'
            else '' end
        || case when kind like '%beneficial-owner' then ',"is_sanctioned":false' else '' end
        || jstr('kind', kind)
        || ',"links":{"self":"/company/' || cn || case
            when is_statement then '/persons-with-significant-control-statements/'
            else '/persons-with-significant-control/'
                || replace(kind, '-person-with-significant-control', '') || '/'
            end || psc_id || '"}'
        || case
            when kind like 'individual%' then jstr('name', title || ' ' || forename || ' ' || surname)
                || jraw('name_elements', jobj(jstr('forename', forename) || jstr('surname', surname)
                                              || jstr('title', title)))
                || jstr('nationality', pick(['British', 'British', 'British', 'Irish', 'Polish',
                                             'Indian', 'Romanian', 'Italian'], 8, h2 // 53))
            when kind like 'legal-person%'
                then ',"name":"The Secretary Of State For Business And Trade"'
            when kind like 'corporate%' then jstr('name', company_brand(hash($seed, 'co', owner_k), owner_k)
                || case when company_is_plc(hash($seed, 'co', owner_k)) then ' Plc'
                        when h2 % 2 = 0 then ' Ltd' else ' Limited' end)
            else '' end
        || case when is_statement or kind like 'super-secure%' then ''
            else jraw('natures_of_control', natures_of_control) end
        || case when kind like 'super-secure%' then '' else jstr('notified_on', notified::varchar) end
        || case when kind = 'corporate-entity-beneficial-owner' then ',"principal_office_address":'
            || '{"address_line_1":"Esplanade","country":"Jersey","locality":"St Helier",'
            || '"postal_code":"JE2 3QA"}' else '' end
        || case when is_statement then jstr('statement', pick(
                ['no-individual-or-entity-with-signficant-control',
                 'no-individual-or-entity-with-signficant-control',
                 'psc-details-not-confirmed', 'steps-to-find-psc-not-yet-completed',
                 'psc-exists-but-not-identified'], 5, h // 59)) else '' end
        as fields
    from natures
),

final as (
    -- preserve_insertion_order keeps range() order through these projections.
    select '{"company_number":"' || cn || '","data":' || jobj(fields) || E'}\n' as line
    from records
)

select line from final
