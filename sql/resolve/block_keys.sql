-- Blocking keys of every normalised name, with how many names hold each:
-- - its tokens (a Han name's adjacent pinyin syllables too);
-- - the first and last $affix characters of the name without spaces;
-- - pairs of its three rarest tokens cut to their first $prefix letters: a
--   brand too common alone (hundreds of "Pemhurst ...") is rare beside the
--   start of its other word.
-- A mention's rare token (held by at most two names: often a typo) also
-- brings the vocabulary's spellings one typo away from it (a letter changed,
-- added, dropped or two swapped), found through shared one-letter deletions
-- of the distinct tokens (SymSpell's idea): "Evverlow" blocks as "Everlow".
-- Only keys some mention holds can propose a pair, so only those are counted;
-- keys held by one name or by more than $max_bucket names block nothing and
-- are dropped here.
with name_keys as (
    select * from resolve.name_keys
),

records as (
    select * from resolve.records
),

-- Each name's distinct tokens, so that no key below needs a distinct.
name_tokens as (
    select entity_id, name_rank, unnest(list_distinct(block_tokens)) as token
    from name_keys
),

token_frequencies as (
    select token, count(*) as bucket
    from name_tokens
    group by token
),

deletions as (
    select
        token,
        bucket,
        unnest([token] || list_transform(
            range(1, length(token) + 1), i -> token[:i - 1] || token[i + 1:]
        )) as variant
    from token_frequencies
    where length(token) >= $min_typo_length
),

corrections as (
    select distinct typo.token as typo, known.token as spelling
    from deletions as typo
    inner join deletions as known on known.variant = typo.variant
    where typo.bucket <= 2 and known.bucket > 2 and known.token <> typo.token
),

mention_tokens as (
    select t.entity_id, t.name_rank, c.spelling as token
    from name_tokens as t
    inner join records as r on r.entity_id = t.entity_id
    inner join corrections as c on c.typo = t.token
    where r.is_mention
),

tokens as (
    select * from name_tokens
    union all
    (select * from mention_tokens except select * from name_tokens)
),

ranked_tokens as (
    select
        t.entity_id,
        t.name_rank,
        left(t.token, $prefix) as head,
        row_number() over (
            partition by t.entity_id, t.name_rank order by f.bucket, t.token
        ) as rarity
    from tokens as t
    inner join token_frequencies as f on f.token = t.token
),

keys as (
    select entity_id, name_rank, token as key
    from tokens
    union all
    select entity_id, name_rank, 'p:' || left(compact, $affix) as key
    from name_keys
    where length(compact) >= $affix
    union all
    select entity_id, name_rank, 's:' || right(compact, $affix) as key
    from name_keys
    where length(compact) >= $affix
    union all
    -- Distinct: two pairs of tokens can share their heads.
    select distinct
        a.entity_id,
        a.name_rank,
        'q:' || least(a.head, b.head) || '|' || greatest(a.head, b.head) as key
    from ranked_tokens as a
    inner join ranked_tokens as b
        on b.entity_id = a.entity_id and b.name_rank = a.name_rank and b.rarity > a.rarity
    where a.rarity <= 3 and b.rarity <= 3
),

mention_keys as (
    select distinct k.key
    from keys as k
    inner join records as r on r.entity_id = k.entity_id
    where r.is_mention
),

relevant as (
    select k.entity_id, k.name_rank, k.key
    from keys as k
    semi join mention_keys as m on m.key = k.key
),

frequencies as (
    select key, count(*) as bucket
    from relevant
    group by key
),

final as (
    select k.entity_id, k.name_rank, k.key, f.bucket
    from relevant as k
    inner join frequencies as f on f.key = k.key
    where f.bucket between 2 and $max_bucket
)

select * from final
