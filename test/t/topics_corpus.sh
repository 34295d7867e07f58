#!/usr/bin/env bash
# The topic tagger against an independent reference over ../shared/corpus:
# a slow, obvious Perl loop that runs one case-insensitive regular
# expression per term over every document (word boundaries from Perl's \w,
# white space from \s, the tagger's equivalences of dashes, apostrophes and
# quotation marks), then keeps the leftmost, longest spans.
#
#  - terms without inflection: the hits (span and topic) must be the same,
#    but for differences the reference cannot avoid, which are counted by
#    kind and explained below; any other difference fails the test;
#  - inflected terms: the reference takes any word that begins with the
#    term's words (a superset), so every tagger hit must be a reference hit;
#    reference-only hits are counted by the ending the tagger did not take.
# Skipped without the corpus.
. "$(dirname "$0")/common.bash"

C=$SHARED/corpus
[ -d "$C/wh" ] || { echo "skip: no corpus"; exit 77; }
W=$TMPDIR_TEST/topics_corpus
mkdir -p "$W"

files=("$C"/wh/*/*.md "$C"/congress/*.htm)
files_to_copy "$W/docs.copy" "${files[@]}"
"${PSQL[@]}" -c "CREATE EXTENSION transcript" -c "CREATE TABLE docs (name text, body text)" \
	-c "\\copy docs FROM '$W/docs.copy'" || exit 1

# The dictionary, split by inflection, as jsonb for topic_hits(text, jsonb)
# and as lines for the reference.
"${PSQL[@]}" -F $'\t' -c "SELECT topic, term, case_sensitive, inflect FROM topic_terms ORDER BY 1, 2" \
	>"$W/terms.tsv" || exit 1
for inflect in false true; do
	"${PSQL[@]}" -F $'\t' -c "
		WITH d AS (SELECT jsonb_agg(to_jsonb(t)) AS dict FROM topic_terms t WHERE inflect = $inflect)
		SELECT x.name, h.topic, h.char_start, h.char_end, translate(h.matched, E'\n\r\t', '   ')
		  FROM docs x, d, topic_hits(x.body, d.dict) h ORDER BY 1, 3, 2" >"$W/tagger_$inflect.tsv" || exit 1
done

perl - "$W" "${files[@]}" <<'PERL' >"$W/report.txt"
use strict;
use warnings;
use utf8;
use open qw(:std :encoding(UTF-8));

my ($w, @files) = @ARGV;
my (@plain, @infl);
open(my $tf, '<', "$w/terms.tsv") or die;
while (<$tf>) {
	chomp;
	my ($topic, $term, $cs, $inflect) = split /\t/;
	my $t = { topic => $topic, term => $term, cs => $cs eq 't' };
	$t->{re} = term_regex($term, $t->{cs}, $inflect eq 't');
	# cheap pre-check: the term's longest word must occur (case-folded)
	my @words = sort { length($b) <=> length($a) } ($term =~ /(\w+)/g);
	my $key = $words[0];
	$key = substr($key, 0, 3) if $inflect eq 't' && length($key) > 3;
	$key =~ tr/ёЁ/еЕ/;
	$t->{key} = lc $key;
	push @{ $inflect eq 't' ? \@infl : \@plain }, $t;
}

# One term as a regular expression: its words as written (any suffix of
# word characters when inflected), white space as \s+ between words and \s*
# next to punctuation, dashes, apostrophes and double quotes as classes.
sub term_regex {
	my ($term, $cs, $inflect) = @_;
	$term =~ tr/ёЁ/еЕ/;
	my @tok = ($term =~ /(\w+|[^\w\s])/g);
	my $re = '';
	for my $i (0 .. $#tok) {
		my $t = $tok[$i];
		if ($i > 0) {
			my $both_words = $tok[$i - 1] =~ /^\w/ && $t =~ /^\w/;
			$re .= $both_words ? '\s+' : '\s*';
		}
		if ($t =~ /^\w/) {
			# inflected: a prefix no longer than any stem the tagger uses
			my $p = $inflect ? substr($t, 0, length($t) > 7 ? length($t) - 4 : 3) : $t;
			$re .= quotemeta($p) . ($inflect ? '\w*' : '');
		} elsif ($t =~ /^[-‐‑‒–—―−﹘﹣－]$/) {
			$re .= '[-‐‑‒–—―−﹘﹣－]';
		} elsif ($t =~ /^['‘’‛′＇`´ʼ]$/) {
			$re .= "['‘’‛′＇`´ʼ]";
		} elsif ($t =~ /^["“”„‟«»″＂]$/) {
			$re .= '["“”„‟«»″＂]';
		} else {
			$re .= quotemeta($t);
		}
	}
	$re = '(?<!\w)' . $re if $tok[0] =~ /^\w/;
	$re .= '(?!\w)' if $tok[-1] =~ /^\w/;
	return $cs ? qr/$re/ : qr/$re/i;
}

# Leftmost, longest, without overlaps; one span may carry several topics.
sub resolve {
	my @c = sort { $a->[0] <=> $b->[0] || $b->[1] <=> $a->[1] || $a->[2] cmp $b->[2] } @_;
	my @out;
	my ($ls, $le) = (-1, -1);
	my %seen;
	for my $c (@c) {
		if ($c->[0] >= $le || ($c->[0] == $ls && $c->[1] == $le)) {
			($ls, $le) = ($c->[0], $c->[1]);
			push @out, $c unless $seen{"$c->[0] $c->[1] $c->[2]"}++;
		}
	}
	return @out;
}

sub load_tagger {
	my ($file) = @_;
	my %h;
	open(my $f, '<', $file) or die;
	while (<$f>) {
		chomp;
		my ($name, $topic, $cs, $ce, $m) = split /\t/, $_, 5;
		$h{"$name\t" . ($cs - 1) . "\t" . ($ce - 1) . "\t$topic"} = $m;
	}
	return \%h;
}

my %tag = (false => load_tagger("$w/tagger_false.tsv"), true => load_tagger("$w/tagger_true.tsv"));
my (%refkeys, %ref_text);
for my $file (@files) {
	open(my $f, '<:raw', $file) or die;
	local $/;
	my $raw = <$f>;
	$raw =~ s/\0//g;
	my $text = $raw;
	utf8::decode($text) or die "$file: not UTF-8";
	(my $name = $file) =~ s{.*/}{};
	(my $norm = $text) =~ tr/ёЁ/еЕ/;
	my $lc = lc $norm;
	for my $kind (['false', \@plain], ['true', \@infl]) {
		my @cand;
		for my $t (@{ $kind->[1] }) {
			next if index($lc, $t->{key}) < 0;
			while ($norm =~ /$t->{re}/g) {
				push @cand, [$-[0], $+[0], $t->{topic}];
			}
		}
		for my $c (resolve(@cand)) {
			my $k = "$name\t$c->[0]\t$c->[1]\t$c->[2]";
			$refkeys{$kind->[0]}{$k} = 1;
			$ref_text{$k} = substr($text, $c->[0], $c->[1] - $c->[0]);
			$ref_text{"$k\tctx"} = substr($text, $c->[0] > 3 ? $c->[0] - 3 : 0, $c->[1] - $c->[0] + 6);
		}
	}
}

# Kinds of difference the reference cannot avoid.
sub explain {
	my ($side, $k) = @_;
	my $ctx = $ref_text{"$k\tctx"} // '';
	my $m = $ref_text{$k} // '';
	# ICU keeps letters joined by a full stop or digits by a comma or stop
	# in one word (U.S.A, e.g, 1,000.5); Perl's \w stops at the stop
	return 'icu-joins-across-stop' if $ctx =~ /\w[.,;]\Q$m\E|\Q$m\E[.,;]?\w/ && $m !~ /\s/ && $ctx =~ /\w[.:,;]\w/;
	# ICU counts '@' as a letter (e-mail addresses, handles)
	return 'icu-at-sign-letter' if $ctx =~ /@/;
	# Perl's \w includes marks and connector punctuation ICU treats otherwise
	return 'other';
}

my (%kinds, @other, $plain_ref, $plain_tag, $infl_ref, $infl_tag) = ();
($plain_ref, $plain_tag, $infl_ref, $infl_tag) = (0, 0, 0, 0);
for my $k (keys %{ $refkeys{false} }) {
	$plain_ref++;
	next if exists $tag{false}{$k};
	my $why = explain('reference-only', $k);
	$kinds{"reference only, $why"}++;
	print "explained ($why): $k [$ref_text{$k}] in «$ref_text{\"$k\tctx\"}»\n"
		if $why ne 'other' && $kinds{"reference only, $why"} <= 5;
	push @other, "reference only: $k [$ref_text{$k}] in «$ref_text{\"$k\tctx\"}»" if $why eq 'other';
}
for my $k (keys %{ $tag{false} }) {
	$plain_tag++;
	next if exists $refkeys{false}{$k};
	$kinds{'tagger only'}++;
	push @other, "tagger only: $k [$tag{false}{$k}]";
}
my %endings;
for my $k (keys %{ $tag{true} }) {
	$infl_tag++;
	next if exists $refkeys{true}{$k};
	$kinds{'inflected: tagger only'}++;
	push @other, "inflected, tagger only: $k [$tag{true}{$k}]";
}
for my $k (keys %{ $refkeys{true} }) {
	$infl_ref++;
	next if exists $tag{true}{$k};
	my ($e) = $ref_text{$k} =~ /(\w{0,4})$/;
	$endings{lc $e}++;
}
print "plain terms: reference $plain_ref hits, tagger $plain_tag hits\n";
print "inflected terms: reference $infl_ref hits (any suffix), tagger $infl_tag hits\n";
print "difference: $_: $kinds{$_}\n" for sort keys %kinds;
my @e = sort { $endings{$b} <=> $endings{$a} } keys %endings;
print "inflected, reference only (suffixes the tagger does not inflect), by last letters: ",
	join(', ', map { "$_=$endings{$_}" } @e[0 .. ($#e < 14 ? $#e : 14)]), "\n";
print "UNEXPLAINED $_\n" for @other[0 .. ($#other < 40 ? $#other : 40)];
print "unexplained: ", scalar(@other), "\n";
PERL
st=$?
cat "$W/report.txt"
[ $st -eq 0 ] || { echo "not ok - reference run failed"; exit 1; }
check "every difference from the reference explained" "unexplained: 0" "$(grep '^unexplained:' "$W/report.txt")"
check "the tagger found hits" 1 "$(awk '/^plain terms/ { print ($8 > 1000) ? 1 : 0 }' "$W/report.txt")"
finish
