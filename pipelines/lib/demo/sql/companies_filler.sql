-- Filler rows of BasicCompanyData: the k-th filler company of the PSC filler
-- (same company_number macro), every field double-quoted as in the official
-- CSV, dates DD/MM/YYYY, display values ("Private Limited Company", "Active").
-- No value contains a double quote, so none needs doubling.
with numbered as (
    select
        k,
        company_number(k, $first) as cn,
        hash($seed, 'co', k) as h,
        day_in(hash($seed, 'co-inc', k), '1975-01-01', '2026-10-31') as incorporated
    from range($n) as t (k)
),

described as (
    select
        *,
        company_brand(h, k) as brand,
        case
            when cn like 'OC%' then 'Limited Liability Partnership'
            when cn like 'OE%' then 'Overseas Entity'
            else pick(['Private Limited Company', 'Private Limited Company',
                       'Private Limited Company', 'Private Limited Company',
                       'Private Limited Company', 'Private Limited Company',
                       'Private Limited Company', 'Public Limited Company',
                       'PRI/LTD BY GUAR/NSC (Private, limited by guarantee, no share capital)',
                       'Community Interest Company'], 10, h // 7)
        end as category,
        pick(['Active', 'Active', 'Active', 'Active', 'Active', 'Active', 'Active', 'Active',
              'Active', 'Active', 'Active', 'Active', 'Active - Proposal to Strike off',
              'Liquidation', 'In Administration'], 15, h // 11) as status,
        case
            when cn like 'SC%' then 'SCOTLAND'
            when cn like 'NI%' then 'NORTHERN IRELAND'
            when cn like 'OE%' then 'JERSEY'
            else pick(['ENGLAND', 'ENGLAND', 'ENGLAND', 'UNITED KINGDOM', 'WALES'], 5, h // 13)
        end as country
    from numbered
),

fields as (
    select
        k,
        [
            upper(brand) || case
                when category = 'Limited Liability Partnership' then ' LLP'
                when category = 'Public Limited Company' then ' PLC'
                when category = 'Overseas Entity' then ' S.A.'
                else ' LIMITED' end,
            cn, '', '',
            ((h // 17) % 300 + 1)::varchar || ' ' || pick(['HIGH STREET', 'STATION ROAD',
                'CHURCH LANE', 'MILL ROAD', 'VICTORIA STREET', 'KING STREET'], 6, h // 19),
            '',
            pick(['LONDON', 'MANCHESTER', 'LEEDS', 'BRISTOL', 'GLASGOW', 'CARDIFF', 'BELFAST',
                  'BIRMINGHAM'], 8, h // 23),
            '', country,
            pick(['EC1A', 'M1', 'LS1', 'BS1', 'G2', 'CF10', 'BT1', 'B2'], 8, h // 23)
                || ' ' || ((h // 29) % 9 + 1)::varchar
                || pick(['AB', 'DX', 'HQ', 'LN', 'RT', 'WZ'], 6, h // 31),
            category, status,
            case when category = 'Overseas Entity' then 'Jersey' else 'United Kingdom' end,
            '', ddmmyyyy(incorporated),
            '31', '12', '30/09/2027', '31/12/2025',
            pick(['MICRO ENTITY', 'TOTAL EXEMPTION FULL', 'DORMANT', 'FULL', 'SMALL',
                  'NO ACCOUNTS FILED'], 6, h // 37),
            '', '',
            ((h // 41) % 3)::varchar, '0', '0', ((h // 41) % 3)::varchar,
            pick(['62020 - Information technology consultancy activities',
                  '68209 - Other letting and operating of own or leased real estate',
                  '70229 - Management consultancy activities other than financial management',
                  '41100 - Development of building projects',
                  '56101 - Licensed restaurants', '99999 - Dormant Company',
                  '47910 - Retail sale via mail order houses or via Internet'], 7, h // 47),
            '', '', '', '0', '0',
            'http://business.data.gov.uk/id/company/' || cn,
            -- One company in twelve changed its name once.
            case when h % 12 = 5 then ddmmyyyy(incorporated + 400) else '' end,
            case when h % 12 = 5 then upper(brand) || ' SERVICES LIMITED' else '' end,
            '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '',
            ddmmyyyy(day_in(h // 53, '2026-11-02', '2027-10-31')),
            ddmmyyyy(day_in(h // 59, '2025-11-02', '2026-10-31'))
        ] as f
    from described
)

select '"' || array_to_string(f, '","') || E'"\n' as line
from fields
