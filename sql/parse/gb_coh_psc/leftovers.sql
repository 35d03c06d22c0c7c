-- The unexpected keys of the lines whose shape has some ($shapes), with the
-- value as JSON text.
with keys as (
    select l.line, r.text, unnest(psc_unexpected(r.text, $known_fields)) as field
    from psc_records as l
    inner join raw_lines as r on r.line = l.line
    where list_contains($shapes::ubigint[], l.shape)
)

select $file as file, line, field, json_extract(text, '$.' || field)::varchar as value
from keys
order by line, field
