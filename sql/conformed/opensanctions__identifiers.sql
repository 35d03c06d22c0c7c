-- Identifiers of OpenSanctions FtM parties, values upper-cased without spaces.
-- Scheme 'opensanctions': the entity id and each of its `referents` (the ids
-- of the same party in OpenSanctions' sources), strong cross-list keys. The
-- source ids also carry the lists' own keys: ofac-<n> -> ofac (OFAC uid),
-- gb-hmt-<n> -> gb-ofsi (OFSI Group ID), gb-fcdo-<ref> -> gb-uksl (UK
-- Sanctions List id), eu-fsf-eu-<a>-<b> -> eu-fsf (EU.<a>.<b>, the
-- euReferenceNumber). Properties: leiCode -> lei; registrationNumber ->
-- cn-uscc when it is a valid 18-character USCC (check character included)
-- of a party whose jurisdiction or country is China, else registration
-- (issuer: the party's jurisdiction or country when it names exactly one);
-- innCode -> tax-id and ogrnCode -> registration (issuer RU: both are Russian
-- register numbers); taxNumber -> tax-id; swiftBic -> swift-bic; imoNumber ->
-- imo (digits, without the "IMO" prefix); passportNumber -> passport; idNumber
-- -> national-id; isinCode and the isin of Securities (on their issuer) -> isin;
-- ticker -> ticker.
with parties as (
    select * from staging.stg_opensanctions__entities
),

securities as (
    select * from staging.stg_opensanctions__securities
),

source_ids as (
    select id, snapshot_id, unnest(list_prepend(id, coalesce(referents, []))) as ref
    from parties
),

own_keys as (
    select id, snapshot_id, 'opensanctions' as scheme, upper(ref) as value, null::varchar as issuer
    from source_ids
    union all
    select id, snapshot_id, 'ofac', regexp_extract(ref, '^ofac-([0-9]+)$', 1), null
    from source_ids where regexp_full_match(ref, 'ofac-[0-9]+')
    union all
    select id, snapshot_id, 'gb-ofsi', regexp_extract(ref, '^gb-hmt-([0-9]+)$', 1), null
    from source_ids where regexp_full_match(ref, 'gb-hmt-[0-9]+')
    union all
    select id, snapshot_id, 'gb-uksl', upper(regexp_extract(ref, '^gb-fcdo-([a-z]{3}[0-9]{4})$', 1)), null
    from source_ids where regexp_full_match(ref, 'gb-fcdo-[a-z]{3}[0-9]{4}')
    union all
    select id, snapshot_id, 'eu-fsf',
        regexp_replace(ref, '^eu-fsf-eu-([0-9]+)-([0-9]+)$', 'EU.\1.\2'), null
    from source_ids where regexp_full_match(ref, 'eu-fsf-eu-[0-9]+-[0-9]+')
),

-- The party's one country (jurisdiction first), lower-case FtM code, as issuer.
issuers as (
    select id,
        case
            when len(list_distinct(jurisdiction)) = 1 then upper(jurisdiction[1])
            when len(list_distinct(country)) = 1 then upper(country[1])
        end as issuer,
        coalesce(
            list_bool_or([starts_with(c, 'cn') for c in list_concat(jurisdiction, country)]), false
        ) as is_chinese
    from parties
),

registrations as (
    select p.id, p.snapshot_id, upper(replace(v, ' ', '')) as value, i.issuer, i.is_chinese
    from (select id, snapshot_id, unnest(registration_number) as v from parties) as p
    inner join issuers as i on i.id = p.id
),

-- GB 32100-2015: 18 characters, the last a check character over the first 17.
uscc_checked as (
    select *,
        coalesce(regexp_full_match(value, '[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}')
        and value[18] = '0123456789ABCDEFGHJKLMNPQRTUWXY'[
            ((31 - list_sum([
                (strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', value[i]) - 1)
                    * (pow(3, i - 1)::bigint % 31)
                for i in range(1, 18)
            ]) % 31) % 31 + 1)::bigint
        ], false) as is_uscc
    from registrations
),

properties as (
    select id, snapshot_id, 'cn-uscc' as scheme, value, 'CN' as issuer
    from uscc_checked where is_uscc and is_chinese
    union all
    select id, snapshot_id, 'registration', value, issuer
    from uscc_checked where not (is_uscc and is_chinese)
    union all
    select id, snapshot_id, 'lei', unnest(lei_code), null from parties
    union all
    select id, snapshot_id, 'tax-id', unnest(inn_code), 'RU' from parties
    union all
    select id, snapshot_id, 'registration', unnest(ogrn_code), 'RU' from parties
    union all
    select p.id, p.snapshot_id, 'tax-id', unnest(p.tax_number), i.issuer
    from parties as p inner join issuers as i on i.id = p.id
    union all
    select id, snapshot_id, 'swift-bic', unnest(swift_bic), null from parties
    union all
    select id, snapshot_id, 'imo', regexp_replace(unnest(imo_number), '^\s*IMO\s*', '', 'i'), null
    from parties
    union all
    select id, snapshot_id, 'passport', unnest(passport_number), null from parties
    union all
    select id, snapshot_id, 'national-id', unnest(id_number), null from parties
    union all
    select id, snapshot_id, 'isin', unnest(isin_code), null from parties
    union all
    select id, snapshot_id, 'ticker', unnest(ticker), null from parties
    union all
    select issuer_id as id, snapshot_id, 'isin', unnest(isin), null
    from (select unnest(issuer) as issuer_id, isin, snapshot_id from securities)
),

final as (
    select distinct
        'os-' || lower(id) as entity_id,
        scheme,
        upper(replace(value, ' ', '')) as value,
        issuer,
        'opensanctions' as source,
        id as source_record,
        snapshot_id
    from (
        select * from own_keys
        union all
        select * from properties
    )
    where id is not null and value is not null and trim(value) <> ''
)

select * from final
