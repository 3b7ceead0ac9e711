package dev.eddy.torrent.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpTrackerUrlsTest {

    @Test
    void announceEncodesTheHashAndPeerIdByteForByteAndSendsEveryParameter() {
        URI uri = HttpTrackerUrls.announce(URI.create("http://t.example:6969/announce"), Requests.started());
        assertEquals("http://t.example:6969/announce?info_hash=%00%FF%20Aaz-._~%7F%80%C3%A9%E2%82%AC%01%02%AB"
                + "&peer_id=-ED0001-%00%01%02%03%04%05%06%07%08%09%0A%0B"
                + "&port=6881&uploaded=0&downloaded=0&left=1000&compact=1&event=started&numwant=50&key=1234ABCD",
                uri.toString());
    }

    @Test
    void announceKeepsAnExistingQueryOmitsNoneEventAndSendsTheTrackerId() {
        AnnounceRequest request = new AnnounceRequest(Requests.HASH, Requests.PEER_ID, 1, 2, 3, 4, TrackerEvent.NONE,
                -1, 7, "id &1");
        String uri = HttpTrackerUrls.announce(URI.create("http://t/announce.php?passkey=abc"), request).toString();
        assertEquals(true, uri.startsWith("http://t/announce.php?passkey=abc&info_hash="), uri);
        assertEquals(true, uri.endsWith("&port=1&uploaded=2&downloaded=3&left=4&compact=1&key=00000007&trackerid=id%20%261"), uri);
    }

    @ParameterizedTest
    @CsvSource({
        "http://example.com/announce, http://example.com/scrape",
        "http://example.com/x/announce, http://example.com/x/scrape",
        "http://example.com/announce.php, http://example.com/scrape.php",
        "http://example.com/announce?x2%0644, http://example.com/scrape?x2%0644",
        "http://example.com:81/a/announce_x?k=v, http://example.com:81/a/scrape_x?k=v",
        "https://example.com/announce, https://example.com/scrape",
    })
    void scrapeReplacesAnnounceInTheLastSegment(String announce, String scrape) {
        assertEquals(Optional.of(URI.create(scrape)), HttpTrackerUrls.scrape(URI.create(announce)));
    }

    @ParameterizedTest
    @CsvSource({"http://example.com/a", "http://example.com/announce/x", "http://example.com/x%064announce",
            "http://example.com/"})
    void noScrapeWhenTheLastSegmentDoesNotStartWithAnnounce(String announce) {
        assertEquals(Optional.empty(), HttpTrackerUrls.scrape(URI.create(announce)));
    }

    @Test
    void scrapeAsksForEveryHash() {
        URI uri = HttpTrackerUrls.scrape(URI.create("http://t/scrape?k=v"), List.of(Requests.HASH, Requests.HASH));
        String one = "info_hash=%00%FF%20Aaz-._~%7F%80%C3%A9%E2%82%AC%01%02%AB";
        assertEquals("http://t/scrape?k=v&" + one + "&" + one, uri.toString());
    }
}
