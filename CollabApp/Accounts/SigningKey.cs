using System.Security.Cryptography;
using System.Text;
using CollabApp.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CollabApp.Accounts;

/// <summary>
/// The key bearer tokens are signed with: <c>Collab:Auth:SigningKey</c> when set (it must be the same on
/// every instance), else a random key generated once into the data folder, fine for one machine.
/// </summary>
public sealed class SigningKey(IOptions<AuthOptions> options, IConfiguration configuration, IHostEnvironment environment)
{
    private readonly Lazy<SymmetricSecurityKey> _key = new(() => Load(options.Value, configuration, environment));

    public SymmetricSecurityKey Key => _key.Value;

    private static SymmetricSecurityKey Load(AuthOptions options, IConfiguration configuration, IHostEnvironment environment)
    {
        var secret = options.SigningKey;
        if (string.IsNullOrEmpty(secret))
        {
            var path = DataFolder.Resolve(configuration, environment, "signing-key.txt");
            if (!File.Exists(path))
            {
                File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
            }
            secret = File.ReadAllText(path).Trim();
        }
        return new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)) { KeyId = "collab" };
    }
}
