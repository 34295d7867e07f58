-- One row per question and topic asked about (questions with no topic of
-- the dictionary have none).
select q.transcript_id, q.turn_no, q.published,
       coalesce(q.outlet, '(outlet not named)') as outlet, t.topic
from press_questions q
join turn_topics t using (transcript_id, turn_no)
