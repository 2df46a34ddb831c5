using System.Buffers.Binary;
using System.IO.Compression;

namespace PeerBot.Tests.Support;

/// <summary>Just enough of PNG to check an icon: size, and the pixels of an 8-bit RGBA image.</summary>
public sealed record Png(int Width, int Height, byte ColorType, byte[] Scanlines)
{
    public static Png Read(string path)
    {
        var data = File.ReadAllBytes(path);
        int width = 0, height = 0;
        byte colorType = 0;
        using var idat = new MemoryStream();
        for (var at = 8; at < data.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(data, at + 4, 4);
            var body = data.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                colorType = body[9];
            }
            else if (type == "IDAT")
            {
                idat.Write(body);
            }
            at += 12 + length;
        }
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
            zlib.CopyTo(inflated);
        return new Png(width, height, colorType, inflated.ToArray());
    }

    /// <summary>The pixels of an RGBA (colour type 6) image, rows unfiltered.</summary>
    public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
    {
        if (ColorType != 6)
            throw new InvalidDataException("Expected an RGBA image (colour type 6)");
        const int bpp = 4;
        var stride = Width * bpp;
        var previous = new byte[stride];
        for (var y = 0; y < Height; y++)
        {
            var filter = Scanlines[y * (stride + 1)];
            var row = Scanlines.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                var left = i >= bpp ? row[i - bpp] : 0;
                var up = previous[i];
                var upLeft = i >= bpp ? previous[i - bpp] : 0;
                row[i] += (byte)(filter switch
                {
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => 0,
                });
            }
            for (var x = 0; x < Width; x++)
                yield return (row[x * 4], row[x * 4 + 1], row[x * 4 + 2], row[x * 4 + 3]);
            previous = row;
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
