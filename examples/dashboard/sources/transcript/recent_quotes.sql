-- The latest quotations (scare quotes left out).
select transcript_id, quote_no, published, title, speaker, quote, cue
from transcript_quotes
where kind <> 'scare' and speaker is not null
order by published desc nulls last, transcript_id desc, quote_no
limit 200
