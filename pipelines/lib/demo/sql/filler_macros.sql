-- Macros shared by the register fillers. Every random choice is a hash of
-- (seed, stream, row), so a row's content depends on nothing else.
-- ``n`` is the number of options, written out: DuckDB does not fold len() of a
-- list literal, and computing it per row made the filler ten times slower.
create or replace macro pick(options, n, h) as options[1 + (h % n)::integer];

-- The k-th filler company's Companies House number: mostly England & Wales
-- digits from `first` up (uk_world.FILLER_FIRST, above every RA000585 number the GLEIF generator
-- draws, see places.GB_LEI_NUMBERS), some Scottish, Northern Irish, LLP and
-- overseas-entity numbers with their letter prefix.
create or replace macro company_number(k, first) as case
    when k % 200 = 19 then 'OE' || lpad((10000 + k // 200)::varchar, 6, '0')
    when k % 20 = 7 then 'SC' || lpad((100000 + k // 20)::varchar, 6, '0')
    when k % 20 = 13 then 'NI' || lpad((600000 + k // 20)::varchar, 6, '0')
    when k % 20 = 17 then 'OC' || lpad((300000 + k // 20)::varchar, 6, '0')
    else lpad((first + k)::varchar, 8, '0')
end;

-- The k-th filler company's name without its legal form (companies_filler.sql), from
-- h = hash(seed, 'co', k): a corporate PSC that gives a filler company's number
-- (psc_filler.sql) names the same company.
create or replace macro company_brand(h, k) as
    pick(['Northgate', 'Riverside', 'Pennine', 'Thameside', 'Highfield', 'Clyde', 'Severn',
          'Greenway', 'Marston', 'Ashcombe', 'Wexford', 'Brindley', 'Castlegate', 'Elmfield'],
         14, h // 3)
    || ' ' || pick(['Consulting', 'Property', 'Trading', 'Engineering', 'Catering', 'Media',
                    'Logistics', 'Care', 'Software', 'Building'], 10, h // 43)
    || ' ' || (k % 97 + 1)::varchar;

-- Its category when its number has no letter prefix: one in ten is a public company.
create or replace macro company_is_plc(h) as (h // 7) % 10 = 7;

-- 40 hex digits, like a Companies House etag (sha1() is three times slower).
create or replace macro etag(seed, stream, i) as
    lpad(to_hex(hash(seed, stream, 1, i)), 16, '0') || lpad(to_hex(hash(seed, stream, 2, i)), 16, '0')
    || lpad(to_hex(hash(seed, stream, 3, i) % 4294967296), 8, '0');

-- 27 URL-safe characters (20 bytes in base64url), like the id ending a PSC links.self.
create or replace macro ch_id(seed, stream, i) as
    replace(replace(rtrim(to_base64(unhex(etag(seed, stream || '-id', i))), '='), '+', '-'), '/', '_');

create or replace macro day_in(h, first_day, last_day) as
    first_day::date + (h % (last_day::date - first_day::date))::integer;

create or replace macro ddmmyyyy(d) as strftime(d, '%d/%m/%Y');

-- JSON built as text, key by key: ',"key":"value"', or nothing when the value
-- is null (Companies House leaves absent fields out rather than writing null).
create or replace macro jstr(k, v) as coalesce(',"' || k || '":"' || v || '"', '');
create or replace macro jraw(k, v) as coalesce(',"' || k || '":' || v, '');
create or replace macro jobj(fields) as '{' || substr(fields, 2) || '}';
