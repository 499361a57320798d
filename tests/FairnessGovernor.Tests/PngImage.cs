using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

namespace FairnessGovernor.Tests
{
    /// <summary>
    /// A minimal PNG reader (8-bit RGB or RGBA, not interlaced: what Chromium's --screenshot writes), so the report tests
    /// can count the colours of a screenshot without an imaging library.
    /// </summary>
    internal sealed class PngImage
    {
        private PngImage(int width, int height, int[] pixels)
        {
            Width = width;
            Height = height;
            Pixels = pixels;
        }

        public int Width { get; }
        public int Height { get; }

        /// <summary>0xRRGGBB per pixel, row by row (alpha dropped).</summary>
        public int[] Pixels { get; }

        public static PngImage Read(string path)
        {
            var data = File.ReadAllBytes(path);
            byte[] signature = { 137, 80, 78, 71, 13, 10, 26, 10 };
            for (int i = 0; i < 8; i++) if (data[i] != signature[i]) throw new InvalidDataException(path + " is not a PNG.");
            int pos = 8, width = 0, height = 0, colorType = 0;
            var idat = new MemoryStream();
            while (pos < data.Length)
            {
                int length = (data[pos] << 24) | (data[pos + 1] << 16) | (data[pos + 2] << 8) | data[pos + 3];
                string type = System.Text.Encoding.ASCII.GetString(data, pos + 4, 4);
                if (type == "IHDR")
                {
                    width = (data[pos + 8] << 24) | (data[pos + 9] << 16) | (data[pos + 10] << 8) | data[pos + 11];
                    height = (data[pos + 12] << 24) | (data[pos + 13] << 16) | (data[pos + 14] << 8) | data[pos + 15];
                    if (data[pos + 16] != 8 || data[pos + 20] != 0) throw new InvalidDataException("Only 8-bit, non-interlaced PNGs are read.");
                    colorType = data[pos + 17];
                    if (colorType != 2 && colorType != 6) throw new InvalidDataException("Only RGB and RGBA PNGs are read.");
                }
                else if (type == "IDAT") idat.Write(data, pos + 8, length);
                else if (type == "IEND") break;
                pos += 12 + length;
            }
            int bpp = colorType == 6 ? 4 : 3, stride = width * bpp;
            var raw = new MemoryStream();
            idat.Position = 0;
            using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(raw);
            var bytes = raw.ToArray();
            var pixels = new int[width * height];
            var prev = new byte[stride];
            var cur = new byte[stride];
            for (int y = 0; y < height; y++)
            {
                int off = y * (stride + 1);
                byte filter = bytes[off];
                for (int x = 0; x < stride; x++)
                {
                    int a = x >= bpp ? cur[x - bpp] : 0, b = prev[x], c = x >= bpp ? prev[x - bpp] : 0;
                    int v = bytes[off + 1 + x];
                    switch (filter)
                    {
                        case 1: v += a; break;
                        case 2: v += b; break;
                        case 3: v += (a + b) / 2; break;
                        case 4:
                            int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                            v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
                            break;
                    }
                    cur[x] = (byte)v;
                }
                for (int x = 0; x < width; x++) pixels[y * width + x] = (cur[x * bpp] << 16) | (cur[x * bpp + 1] << 8) | cur[x * bpp + 2];
                (prev, cur) = (cur, prev);
            }
            return new PngImage(width, height, pixels);
        }

        /// <summary>How many different colours the image has.</summary>
        public int DistinctColours() => new HashSet<int>(Pixels).Count;

        /// <summary>The most common colour (the background of a page).</summary>
        public int Background()
        {
            var counts = new Dictionary<int, int>();
            foreach (var p in Pixels) counts[p] = counts.TryGetValue(p, out var c) ? c + 1 : 1;
            int best = 0, bestCount = -1;
            foreach (var kv in counts) if (kv.Value > bestCount) { best = kv.Key; bestCount = kv.Value; }
            return best;
        }

        /// <summary>The share of pixels that differ from the background.</summary>
        public double InkShare()
        {
            int bg = Background(), ink = 0;
            foreach (var p in Pixels) if (p != bg) ink++;
            return (double)ink / Pixels.Length;
        }

        /// <summary>Whether some pixel has the colour 0xRRGGBB (give or take <paramref name="tolerance"/> per channel).</summary>
        public bool Has(int rgb, int tolerance = 6)
        {
            foreach (var p in Pixels)
                if (Math.Abs(((p >> 16) & 255) - ((rgb >> 16) & 255)) <= tolerance && Math.Abs(((p >> 8) & 255) - ((rgb >> 8) & 255)) <= tolerance && Math.Abs((p & 255) - (rgb & 255)) <= tolerance)
                    return true;
            return false;
        }
    }
}
