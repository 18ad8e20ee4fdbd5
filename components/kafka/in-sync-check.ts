/**
 * A broker's readiness: it answers a Metadata request on its PROBE listener (loopback), it is
 * registered, and it is in the ISR of every partition it holds a replica of. A restarted
 * broker is therefore ready only once it has caught up, so a rolling restart (a StatefulSet's
 * RollingUpdate, Docker's readiness gates) moves to the next broker only when every partition
 * is fully in sync again. One raw Metadata v4 request in Perl (in every Debian image, starts in
 * milliseconds), where a JVM tool would cost seconds of CPU on every probe.
 */
export function renderInSyncCheck(): string {
    return String.raw`#!/usr/bin/perl
# Rendered by streamstack: exit 0 when this broker is registered and in sync; else say why.
use strict;
use warnings;
use IO::Socket::INET;

my $port = $ARGV[0] // 9090;
my ($id) = ($ENV{STREAMSTACK_ORDINAL} // '') =~ /^(\d+)$/;
($id) = ($ENV{HOSTNAME} // '') =~ /-(\d+)$/ unless defined $id;
die "cannot tell this broker's id from STREAMSTACK_ORDINAL or HOSTNAME\n" unless defined $id;

local $SIG{ALRM} = sub { die "no metadata answer on port $port within 4 s\n" };
alarm 4;
my $sock = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $port, Proto => 'tcp')
    or die "broker $id does not accept connections on port $port: $!\n";
# Metadata v4 (api key 3; Kafka 4 answers v4 and later only, 3.9 all of them), correlation id 1,
# every topic (a null topic list), no topic created.
my $request = pack('s> s> l> s>/a* l> c', 3, 4, 1, 'streamstack-in-sync', -1, 0);
print $sock pack('l>/a*', $request);
my $buf = '';
sub fill { my ($n) = @_; while (length($buf) < $n) { my $got = sysread($sock, $buf, $n - length($buf), length($buf)); die "connection closed\n" unless $got; } }
fill(4);
my $size = unpack('l>', $buf);
$buf = '';
fill($size);
alarm 0;

my $pos = 0;
sub i8 { my $v = unpack('c', substr($buf, $pos, 1)); $pos += 1; return $v }
sub i16 { my $v = unpack('s>', substr($buf, $pos, 2)); $pos += 2; return $v }
sub i32 { my $v = unpack('l>', substr($buf, $pos, 4)); $pos += 4; return $v }
sub str { my $n = i16(); return undef if $n < 0; my $s = substr($buf, $pos, $n); $pos += $n; return $s }

i32();    # correlation id
i32();    # throttle time
my %registered;
for (1 .. i32()) { my $node = i32(); str(); i32(); str(); $registered{$node} = 1 }
str();    # cluster id
i32();    # controller id
my @behind;
for (1 .. i32()) {
    i16(); my $topic = str(); i8();
    for (1 .. i32()) {
        i16(); my $partition = i32(); i32();
        my @replicas = map { i32() } 1 .. i32();
        my %isr = map { (i32(), 1) } 1 .. i32();
        push @behind, "$topic-$partition" if grep({ $_ == $id } @replicas) && !$isr{$id};
    }
}
die "broker $id is not registered with the cluster yet\n" unless $registered{$id};
die "broker $id is not in sync yet: " . scalar(@behind) . " partition(s), e.g. $behind[0]\n" if @behind;
exit 0;
`;
}
