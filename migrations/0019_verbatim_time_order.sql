-- Verbatim search newest first at any number of matches (#14).
--
-- Migration 0013 numbered the search index's rows (verbatim_keys.id, the FTS5 rowid) in insertion
-- order, so a search had to read every match and sort them by date to show the newest page: 100,000
-- matches at 1,000,000 responses took ~380 ms. Here a text's number is its answer's time:
--
--     id = created_at (ms) * 65536 + n,   n = 0, 1, … for texts stamped with the same millisecond
--
-- so the FTS5 rowid order is the date order, and a search walks its matches newest first and stops
-- once the page is full (worker/insights/sql.ts, verbatimRows). 65,536 texts per millisecond is far
-- beyond what a post can carry, and ids stay below 2^63 until the year 6400. They pass 2^53, so the
-- Worker reads one back only as its two halves (the millisecond and n), each exact in JavaScript.
--
-- The index and its keys are rebuilt from the answers with the new numbers (the same folds as 0013,
-- from the same generator, searchFoldSelect in shared/sentiment/search.ts), and the insert/update
-- triggers number new texts the same way. The delete trigger of 0013 is unchanged.

DROP TRIGGER answers_ai_fts;
DROP TRIGGER answers_au_fts;
DROP TABLE verbatim_fts;
DROP TABLE verbatim_keys;

CREATE TABLE verbatim_keys (
  id           INTEGER PRIMARY KEY,
  response_id  TEXT NOT NULL,
  question_id  TEXT NOT NULL,
  UNIQUE (response_id, question_id)
);

CREATE VIRTUAL TABLE verbatim_fts USING fts5(body, tokenize = 'trigram');
INSERT INTO verbatim_fts (verbatim_fts, rank) VALUES ('secure-delete', 1);

INSERT INTO verbatim_keys (id, response_id, question_id)
SELECT created_at * 65536 + row_number() OVER (PARTITION BY created_at ORDER BY response_id, question_id) - 1,
  response_id, question_id
FROM answers WHERE text IS NOT NULL;

INSERT INTO verbatim_fts (rowid, body)
SELECT id, replace(replace(replace(replace(t, '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') AS t FROM (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(t, char(1636), '4'), char(1637), '5'), char(1638), '6'), char(1639), '7'), char(1640), '8'), char(1641), '9'), char(8203), ''), char(8205), ''), char(8288), ''), char(65279), ''), char(173), ''), char(8204), ' '), char(10), ' '), char(13), ' '), char(9), ' ') AS t FROM (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(t, char(1618), ''), char(1648), ''), char(1776), '0'), char(1777), '1'), char(1778), '2'), char(1779), '3'), char(1780), '4'), char(1781), '5'), char(1782), '6'), char(1783), '7'), char(1784), '8'), char(1785), '9'), char(1632), '0'), char(1633), '1'), char(1634), '2'), char(1635), '3') AS t FROM (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(t, char(1610), 'ی'), char(1609), 'ی'), char(1603), 'ک'), char(1577), 'ه'), char(1728), 'ه'), char(1571), 'ا'), char(1573), 'ا'), char(1649), 'ا'), char(1600), ''), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), '') AS t FROM (SELECT k.id AS id, a.text AS t FROM verbatim_keys k JOIN answers a ON a.response_id = k.response_id AND a.question_id = k.question_id))));

CREATE TRIGGER answers_ai_fts AFTER INSERT ON answers WHEN NEW.text IS NOT NULL BEGIN
  INSERT INTO verbatim_keys (id, response_id, question_id)
  VALUES ((SELECT coalesce(max(id) + 1, NEW.created_at * 65536) FROM verbatim_keys
      WHERE id >= NEW.created_at * 65536 AND id < (NEW.created_at + 1) * 65536), NEW.response_id, NEW.question_id);
  INSERT INTO verbatim_fts (rowid, body)
  SELECT id, replace(replace(replace(replace(t, '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') AS t FROM (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(t, char(1636), '4'), char(1637), '5'), char(1638), '6'), char(1639), '7'), char(1640), '8'), char(1641), '9'), char(8203), ''), char(8205), ''), char(8288), ''), char(65279), ''), char(173), ''), char(8204), ' '), char(10), ' '), char(13), ' '), char(9), ' ') AS t FROM (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(t, char(1618), ''), char(1648), ''), char(1776), '0'), char(1777), '1'), char(1778), '2'), char(1779), '3'), char(1780), '4'), char(1781), '5'), char(1782), '6'), char(1783), '7'), char(1784), '8'), char(1785), '9'), char(1632), '0'), char(1633), '1'), char(1634), '2'), char(1635), '3') AS t FROM (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(t, char(1610), 'ی'), char(1609), 'ی'), char(1603), 'ک'), char(1577), 'ه'), char(1728), 'ه'), char(1571), 'ا'), char(1573), 'ا'), char(1649), 'ا'), char(1600), ''), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), '') AS t FROM (SELECT id, NEW.text AS t FROM verbatim_keys WHERE response_id = NEW.response_id AND question_id = NEW.question_id))));
END;

CREATE TRIGGER answers_au_fts AFTER UPDATE OF text ON answers WHEN OLD.text IS NOT NEW.text BEGIN
  DELETE FROM verbatim_fts WHERE rowid IN
    (SELECT id FROM verbatim_keys WHERE response_id = OLD.response_id AND question_id = OLD.question_id);
  DELETE FROM verbatim_keys WHERE response_id = OLD.response_id AND question_id = OLD.question_id;
  INSERT INTO verbatim_keys (id, response_id, question_id)
  SELECT (SELECT coalesce(max(id) + 1, NEW.created_at * 65536) FROM verbatim_keys
      WHERE id >= NEW.created_at * 65536 AND id < (NEW.created_at + 1) * 65536), NEW.response_id, NEW.question_id WHERE NEW.text IS NOT NULL;
  INSERT INTO verbatim_fts (rowid, body)
  SELECT id, replace(replace(replace(replace(t, '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ') AS t FROM (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(t, char(1636), '4'), char(1637), '5'), char(1638), '6'), char(1639), '7'), char(1640), '8'), char(1641), '9'), char(8203), ''), char(8205), ''), char(8288), ''), char(65279), ''), char(173), ''), char(8204), ' '), char(10), ' '), char(13), ' '), char(9), ' ') AS t FROM (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(t, char(1618), ''), char(1648), ''), char(1776), '0'), char(1777), '1'), char(1778), '2'), char(1779), '3'), char(1780), '4'), char(1781), '5'), char(1782), '6'), char(1783), '7'), char(1784), '8'), char(1785), '9'), char(1632), '0'), char(1633), '1'), char(1634), '2'), char(1635), '3') AS t FROM (SELECT id, replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(t, char(1610), 'ی'), char(1609), 'ی'), char(1603), 'ک'), char(1577), 'ه'), char(1728), 'ه'), char(1571), 'ا'), char(1573), 'ا'), char(1649), 'ا'), char(1600), ''), char(1611), ''), char(1612), ''), char(1613), ''), char(1614), ''), char(1615), ''), char(1616), ''), char(1617), '') AS t FROM (SELECT id, NEW.text AS t FROM verbatim_keys WHERE response_id = NEW.response_id AND question_id = NEW.question_id AND NEW.text IS NOT NULL))));
END;
