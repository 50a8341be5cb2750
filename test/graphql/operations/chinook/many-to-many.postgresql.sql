SELECT "playlist_id" AS "playlistId", "name" FROM "public"."playlist" WHERE "playlist_id" = ANY($1) ORDER BY "playlist_id" ASC LIMIT $2
-- params: [[11,13,16],100]

SELECT "track_id" AS "trackId", "name" FROM "public"."track" WHERE "track_id" = $1
-- params: [3000]

SELECT "playlist_id" AS "playlistId", "track_id" AS "trackId" FROM "public"."playlist_track" WHERE "playlist_id" = ANY($1)
-- params: [[11,13,16]]

SELECT "playlist_id" AS "playlistId", "track_id" AS "trackId" FROM "public"."playlist_track" WHERE "track_id" = $1
-- params: [3000]

SELECT "track_id" AS "trackId", "name" FROM "public"."track" WHERE "track_id" = ANY($1) ORDER BY "track_id" ASC
-- params: [[215,219,220,228,230,236,391,393,501,504,516,523,730,738,852,858,864,867,874,877,885,888,1088,1093,1099,1105,1514,1518,1519,1916,1921,1928,2752,2753,2754,2758,2767,2768,2769,3479,3480,3481,3482,3483,3484,3485,3486,3487,3488,3489,3490,3491,3492,3493,3494,3495,3496,3497,3498,3499,3500,3501,3502,3503,52,2003,2004,2005,2007,2010,2013,2194,2195,2198,2206,2512,2516,2550,3367]]

SELECT "playlist_id" AS "playlistId", "name" FROM "public"."playlist" WHERE "playlist_id" = ANY($1) ORDER BY "playlist_id" ASC
-- params: [[1,8]]
