-- Shapes not seen before ($shapes) with one line of each ($lines): its keys
-- that are neither mapped nor ignored, and the members whose JSON type is
-- not the one the snapshot defines (json_transform would turn a wrong type
-- into null silently).
select
    shape,
    psc_unexpected(text, $known_fields) as unexpected,
    list_filter(
        list_zip(
            ['address', 'principal_office_address', 'identification', 'name_elements',
             'date_of_birth', 'links', 'natures_of_control'],
            json_type(text, [
                '$.data.address', '$.data.principal_office_address', '$.data.identification',
                '$.data.name_elements', '$.data.date_of_birth', '$.data.links',
                '$.data.natures_of_control'
            ]),
            ['OBJECT', 'OBJECT', 'OBJECT', 'OBJECT', 'OBJECT', 'OBJECT', 'ARRAY']
        ),
        member -> member[2] is not null and member[2] not in (member[3], 'NULL')
    ).list_transform(member -> member[1]) as wrong_types
from (select unnest($shapes::ubigint[]) as shape, unnest($lines::bigint[]) as line) as s
inner join raw_lines as r on r.line = s.line
