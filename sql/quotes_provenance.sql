-- quote_sources(): which turn of the candidate transcripts a quotation comes from
SET search_path = transcript, public;
\pset null '(null)'

CREATE TEMP TABLE cand (id int, doc transcript);
INSERT INTO cand VALUES
(1, $$SECRETARY POMPEO: We discussed Iran and arms control. Our sanctions remain in place, and the President wants serious arms control that delivers real security.

FOREIGN MINISTER LAVROV: Much suspicion and prejudice has piled up on both sides. Mutual bitterness increases the risks to your security and ours. I believe it is time to start building a new, more constructive matrix of how we see each other.$$),
(2, $$MODERATOR: Ladies and gentlemen, we are beginning.

FOREIGN MINISTER LAVROV: We spoke about Venezuela and Syria, and about the Korean Peninsula.$$);

-- a translation in other words finds its turn
SELECT candidate, turn_no, score >= 0.4 AS is_source, turn_speaker
FROM quote_sources('we see that there are suspicions and prejudices. We think it is time to build a new and more constructive matrix for our relations.',
	'Lavrov', ARRAY(SELECT doc FROM cand ORDER BY id));

-- words never said in any candidate: no source, not the nearest turn
SELECT count(*) FROM quote_sources('I am here today because President Trump is committed to improving this relationship.',
	'Pompeo', ARRAY(SELECT doc FROM cand ORDER BY id));

-- the same words from another speaker score lower
SELECT (SELECT max(score) FROM quote_sources('much suspicion and prejudice has piled up on both sides', 'Pompeo',
		ARRAY(SELECT doc FROM cand ORDER BY id), 0))
	< (SELECT max(score) FROM quote_sources('much suspicion and prejudice has piled up on both sides', 'Lavrov',
		ARRAY(SELECT doc FROM cand ORDER BY id), 0)) AS speaker_matters;

-- NULL speaker is allowed; empty candidates give no rows; bad min_score is an error
SELECT count(*) > 0 FROM quote_sources('suspicion and prejudice has piled up on both sides', NULL,
	ARRAY(SELECT doc FROM cand ORDER BY id));
SELECT count(*) FROM quote_sources('anything', 'Lavrov', '{}'::transcript[]);
SELECT count(*) FROM quote_sources('anything', 'Lavrov', ARRAY(SELECT doc FROM cand), 1.5);
