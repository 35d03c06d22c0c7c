-- Macros shared by the SQL models. Run once per connection.

-- The dominant writing system of a name, as an ISO 15924 code. Scripts
-- matter for matching (Chinese script vs pinyin) and for analysts.
create or replace macro script_of(txt) as
    case
        when txt is null then null
        -- Most names are plain ASCII (byte length = character length): one cheap
        -- test instead of a regex per script (8x faster on register names).
        when strlen(txt) = length(txt)
            then case when regexp_matches(txt, '[A-Za-z]') then 'Latn' else 'Zyyy' end
        when regexp_matches(txt, '\p{Han}') then 'Hani'
        when regexp_matches(txt, '\p{Hangul}') then 'Hang'
        when regexp_matches(txt, '[\p{Hiragana}\p{Katakana}]') then 'Jpan'
        when regexp_matches(txt, '\p{Cyrillic}') then 'Cyrl'
        when regexp_matches(txt, '\p{Arabic}') then 'Arab'
        when regexp_matches(txt, '\p{Hebrew}') then 'Hebr'
        when regexp_matches(txt, '\p{Greek}') then 'Grek'
        when regexp_matches(txt, '\p{Thai}') then 'Thai'
        when regexp_matches(txt, '\p{Latin}') then 'Latn'
        else 'Zyyy'
    end;

-- The date part of an ISO 8601 timestamp as published (GLEIF writes
-- 2012-11-29T00:00:00.000Z or with an offset); null stays null.
create or replace macro iso_date(txt) as try_cast(left(txt, 10) as date);

-- ISO 3166-1 alpha-2 country of an ISO 3166-1 or 3166-2 code (US-MA -> US).
create or replace macro country_of(code) as
    case when code is null then null else upper(split_part(code, '-', 1)) end;

-- Stable hashed id: <prefix>-<16 hex of sha1 over the key parts>.
create or replace macro hashed_id(prefix, key) as prefix || '-' || left(sha1(key), 16);

-- A Companies House company number as the register writes it: 8 characters,
-- zero-padded ("8209948" -> "08209948"), prefixes upper-case ("sc123456").
create or replace macro gb_coh_number(number) as upper(lpad(number, 8, '0'));

-- The entity id every UK source gives a Companies House company.
create or replace macro gb_coh_id(number) as 'gb-coh-' || gb_coh_number(number);
